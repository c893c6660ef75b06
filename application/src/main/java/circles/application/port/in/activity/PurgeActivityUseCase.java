package circles.application.port.in.activity;

/**
 * Deletes activity past its retention: raw events after {@code circles.activity.raw-retention-days}, daily rollups
 * after {@code circles.activity.rollup-retention-days}. Across orgs; safe to run on several instances.
 */
public interface PurgeActivityUseCase {
    Report purge();

    record Report(long events, long rollups) {
    }
}
