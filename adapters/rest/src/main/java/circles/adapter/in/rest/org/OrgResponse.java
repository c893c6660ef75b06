package circles.adapter.in.rest.org;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.org.OrgView;
import circles.domain.org.Organization;

public record OrgResponse(String id, String name, String slug, long memberCount, long version, String createdAt,
                          String updatedAt) {

    public static OrgResponse of(OrgView view) {
        Organization org = view.org();
        return new OrgResponse(org.id().toString(), org.name(), org.slug().value(), view.memberCount(),
                org.version(), Wire.time(org.createdAt()), Wire.time(org.updatedAt()));
    }
}
