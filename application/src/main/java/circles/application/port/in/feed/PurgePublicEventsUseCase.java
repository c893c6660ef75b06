package circles.application.port.in.feed;

/** Deletes the public events older than the retention, slice by slice, each slice in a transaction of its own. */
public interface PurgePublicEventsUseCase {
    /** Returns how many events went. */
    int purgeExpired();
}
