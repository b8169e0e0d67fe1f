package io.vitrine.feature;

import java.time.Duration;

/**
 * Exponential time decay as commutative increments (forward decay). A value is stored per generation: the contribution
 * of an event at time t is {@code w * 2^((t - start(g)) / halfLife)}, at most {@code w * 2^256}, and its value at time
 * {@code now} is the stored sum times {@code 2^(-(now - start(g)) / halfLife)}. Readers add the current and the
 * previous generation; anything older has decayed by more than {@code 2^-256}.
 */
public final class ForwardDecay {
    /** Half-lives per generation: large enough to rarely switch, small enough that 2^256 stays far from overflow. */
    public static final int HALF_LIVES_PER_GENERATION = 256;

    private final long halfLifeMillis;
    private final long generationMillis;

    public ForwardDecay(Duration halfLife) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half-life must be positive");
        }
        this.halfLifeMillis = halfLife.toMillis();
        this.generationMillis = Math.multiplyExact(halfLifeMillis, HALF_LIVES_PER_GENERATION);
    }

    /** The generation that an event at {@code epochMillis} contributes to. */
    public int generation(long epochMillis) {
        return Math.toIntExact(Math.floorDiv(epochMillis, generationMillis));
    }

    /** The stored contribution of weight {@code w} at {@code epochMillis} (to its own generation). */
    public double contribution(double weight, long epochMillis) {
        int g = generation(epochMillis);
        return weight * Math.pow(2, (epochMillis - start(g)) / (double) halfLifeMillis);
    }

    /** The value at {@code nowMillis} of a sum stored in generation {@code generation}. */
    public double valueAt(double stored, int generation, long nowMillis) {
        return stored * Math.pow(2, -(nowMillis - start(generation)) / (double) halfLifeMillis);
    }

    /** Whether values of {@code generation} still matter at {@code nowMillis} (current or previous generation). */
    public boolean isLive(int generation, long nowMillis) {
        int current = generation(nowMillis);
        return generation >= current - 1 && generation <= current + 1;
    }

    /** How long a generation's data must be kept: two generations. */
    public Duration retention() {
        return Duration.ofMillis(2 * generationMillis);
    }

    private long start(int generation) {
        return generation * generationMillis;
    }
}
