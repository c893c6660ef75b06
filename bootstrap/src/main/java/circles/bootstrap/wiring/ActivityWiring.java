package circles.bootstrap.wiring;

import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.activity.ActivityService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;

/** Recorded activity and its retention (configuration {@code circles.activity.*}). */
@ApplicationScoped
public class ActivityWiring {

    @Produces
    @Singleton
    ActivityService activityService(UnitOfWork tx, Access access, OrgRepository orgs, ActivityStore store,
                                     AuditLog audit, Clock clock, DirectoryEvents directoryEvents,
                                     @ConfigProperty(name = "circles.activity.raw-retention-days", defaultValue = "90")
                                     int rawRetentionDays,
                                     @ConfigProperty(name = "circles.activity.rollup-retention-days",
                                             defaultValue = "400") int rollupRetentionDays) {
        return new ActivityService(tx, access, orgs, store,
                new ActivityService.Retention(rawRetentionDays, rollupRetentionDays), audit, clock, directoryEvents);
    }
}
