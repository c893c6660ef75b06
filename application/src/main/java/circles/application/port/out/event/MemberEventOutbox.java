package circles.application.port.out.event;

/**
 * The stored side of {@link MemberEvents}: events written by committed transactions that no consumer has
 * handled yet, because their delivery right after commit failed or never happened (the process stopped).
 */
public interface MemberEventOutbox {
    /**
     * Delivers due events that are still pending to every consumer, oldest first and in order per member,
     * each in its own transaction; an event another instance is delivering at the moment is left to it.
     * Handled events past their retention are deleted.
     */
    Report redeliverDue();

    /** {@code failed}: attempts that failed again (retried later); {@code parked}: events given up on. */
    record Report(int delivered, int failed, int parked, int purged) {
        public boolean isEmpty() {
            return delivered == 0 && failed == 0 && parked == 0 && purged == 0;
        }
    }
}
