/**
 * A synthetic marketplace for demos, tests and benchmarks: phones and their accessories (cases, chargers, earbuds) from
 * a handful of brands, users with hidden tastes (preferred brands, price band, categories), and sessions in which a
 * taste-agnostic logging policy shows slates of items and users click, cart and buy according to those tastes, to
 * complementarity (an owner of a brand's phone wants that brand's accessories, not another phone) and to position bias.
 * The structure is learnable from features but invisible to a popularity list. Deterministic for a seed and an end
 * date.
 */
package io.vitrine.demo;
