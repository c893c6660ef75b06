package circles.application.port.in.org;

import circles.domain.org.Organization;

/** An org as readers see it. */
public record OrgView(Organization org, long memberCount) {
}
