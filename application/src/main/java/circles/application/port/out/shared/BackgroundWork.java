package circles.application.port.out.shared;

/**
 * Runs work after the caller has its answer, on a small bounded pool of this instance. The work opens its own
 * transactions; whatever must survive the instance (a claim, a status) is written before it is handed over.
 */
public interface BackgroundWork {
    /** Hands {@code work} over; false when this instance takes no more work (it is shutting down). */
    boolean submit(Runnable work);
}
