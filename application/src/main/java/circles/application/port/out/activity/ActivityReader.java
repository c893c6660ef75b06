package circles.application.port.out.activity;

import circles.domain.criterion.activity.ActivityData;

/**
 * The stored activity as the activity criteria read it (last activity, sums per type in a window, org maxima).
 * Call it inside a unit of work.
 */
public interface ActivityReader extends ActivityData {
}
