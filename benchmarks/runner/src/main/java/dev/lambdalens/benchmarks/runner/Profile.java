package dev.lambdalens.benchmarks.runner;

/**
 * How long to measure. {@link #SMOKE} only checks that every variant runs and emits (numbers meaningless);
 * {@link #SHORT} is the CI run (a few minutes on 2 cores); {@link #LONG} gives numbers worth publishing.
 *
 * @param jmhRounds           how many times the JMH runs of all class paths are repeated, interleaved
 * @param jmhForks            JMH forks per variant and round
 * @param warmupIterations    JMH warm-up iterations per fork
 * @param iterations          JMH measurement iterations per fork
 * @param iterationSeconds    length of one JMH iteration
 * @param coldStartRounds     cold starts per variant, interleaved A B C A B C
 */
record Profile(String name, int jmhRounds, int jmhForks, int warmupIterations, int iterations,
               int iterationSeconds, int coldStartRounds) {
    static final Profile SMOKE = new Profile("smoke", 1, 1, 1, 1, 1, 1);
    static final Profile SHORT = new Profile("short", 1, 1, 3, 4, 1, 8);
    static final Profile LONG = new Profile("long", 2, 2, 5, 10, 2, 30);

    static Profile named(String name) {
        return switch (name) {
            case "smoke" -> SMOKE;
            case "short" -> SHORT;
            case "long" -> LONG;
            default -> throw new IllegalArgumentException("profile must be smoke, short or long, was " + name);
        };
    }
}
