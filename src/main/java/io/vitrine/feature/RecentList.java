package io.vitrine.feature;

/** The per-user lists of recent items, each keeping the latest time per item. */
public enum RecentList {
    /** Items the user viewed, clicked, carted or bought: the seeds of item-to-item recall. */
    INTERACTED,
    /** Items the user bought: re-ranking drops recently bought items. */
    PURCHASED
}
