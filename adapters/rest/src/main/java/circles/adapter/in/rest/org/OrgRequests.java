package circles.adapter.in.rest.org;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.member.ProfileRequests;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.application.port.in.org.CreateOrgUseCase;
import circles.application.port.in.org.UpdateOrgUseCase;
import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.DomainException;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;

import java.util.ArrayList;
import java.util.List;

/** Reads the bodies of the org and org-member operations into use-case commands. */
public final class OrgRequests {
    private OrgRequests() {
    }

    /** {@code OrgCreate}: name, slug, adminUserIds. */
    public static CreateOrgUseCase.Command create(BodyObject body) {
        String name = Bodies.required(body.text("name"), body, "name");
        Slug slug = slug(body, Bodies.required(body.text("slug"), body, "slug"));
        List<String> admins = Bodies.required(body.texts("adminUserIds"), body, "adminUserIds");
        List<UserId> adminIds = new ArrayList<>();
        for (int i = 0; i < admins.size(); i++) {
            try {
                adminIds.add(new UserId(admins.get(i)));
            } catch (DomainException e) {
                throw RuleViolation.invalidField(body.field("adminUserIds[" + i + "]"),
                        "must be a user id of 1 to 255 printable characters");
            }
        }
        return new CreateOrgUseCase.Command(name, slug, adminIds);
    }

    /** {@code OrgPatch}: name, slug. */
    public static UpdateOrgUseCase.Command update(OrgId orgId, Long expectedVersion, BodyObject body) {
        String name = Bodies.notNull(body.patch("name", body::text), body, "name");
        String slug = Bodies.notNull(body.patch("slug", body::text), body, "slug");
        return new UpdateOrgUseCase.Command(orgId, expectedVersion, name, slug == null ? null : slug(body, slug));
    }

    /** {@code OrgMemberCreate}: userId, role and the profile fields. */
    public static AddOrgMemberUseCase.Command addMember(OrgId orgId, BodyObject body) {
        UserId userId = Bodies.required(Bodies.userId(body, "userId"), body, "userId");
        return new AddOrgMemberUseCase.Command(orgId, userId, body.enumValue("role", OrgRole.class),
                ProfileRequests.profile(body));
    }

    /** {@code OrgMemberPatch}: role, status and the profile fields, as a merge patch. */
    public static UpdateOrgMemberUseCase.Command updateMember(OrgId orgId, UserId userId, Long expectedVersion,
                                                             BodyObject body) {
        OrgRole role = Bodies.notNull(body.patch("role", name -> body.enumValue(name, OrgRole.class)), body, "role");
        MemberStatus status = Bodies.notNull(body.patch("status", name -> body.enumValue(name, MemberStatus.class)),
                body, "status");
        return new UpdateOrgMemberUseCase.Command(orgId, userId, expectedVersion, role, status,
                ProfileRequests.patch(body));
    }

    private static Slug slug(BodyObject body, String value) {
        try {
            return new Slug(value);
        } catch (RuleViolation e) {
            throw RuleViolation.invalidField(body.field("slug"),
                    "must be lower-case letters, digits and single dashes (at most 64 characters)");
        }
    }
}
