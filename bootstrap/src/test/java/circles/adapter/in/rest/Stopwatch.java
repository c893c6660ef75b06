package circles.adapter.in.rest;

import java.util.Arrays;

/** Wall-clock timings of the benchmarks, in milliseconds. */
public final class Stopwatch {
    private Stopwatch() {
    }

    /** A piece of work to time. */
    @FunctionalInterface
    public interface Work {
        Object call() throws Exception;
    }

    /** How long {@code work} took. */
    public static long timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The median of {@code runs} timings of {@code work}. */
    public static long median(int runs, Work work) throws Exception {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = timed(work);
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
