package circles.adapter.in.rest.masterdata;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.application.port.in.masterdata.CreateMasterDataUseCase;
import circles.application.port.in.masterdata.UpdateMasterDataUseCase;
import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.RuleViolation;

import java.util.Optional;

/**
 * Reads the bodies and parameters of the master-data operations. Trees (departments, locations) take
 * {@code parentKey} and {@code managerId}; lists (cost centers, job titles) only {@code key} and {@code name}.
 */
public final class MasterDataRequests {
    private static final String KEY_RULE = "must be 1-" + MasterDataKey.MAX
            + " lower-case letters, digits, '-' and '_', starting and ending with a letter or digit";

    private MasterDataRequests() {
    }

    /** {@code MasterDataNodeCreate} / {@code MasterDataEntryCreate}. */
    public static CreateMasterDataUseCase.Command create(OrgId orgId, MasterDataKind kind, BodyObject body) {
        MasterDataKey key = key(body, Bodies.required(body.text("key"), body, "key"), "key");
        String name = Bodies.required(body.text("name"), body, "name");
        MasterDataKey parentKey = null;
        UserId managerId = null;
        if (kind.isTree()) {
            String parent = body.text("parentKey");
            parentKey = parent == null ? null : key(body, parent, "parentKey");
            managerId = Bodies.userId(body, "managerId");
        }
        return new CreateMasterDataUseCase.Command(orgId, kind, key, name, parentKey, managerId);
    }

    /** {@code MasterDataNodePatch} / {@code MasterDataEntryPatch}: a merge patch; keys never change. */
    public static UpdateMasterDataUseCase.Command update(OrgId orgId, MasterDataKind kind, MasterDataKey key,
                                                         Long expectedVersion, BodyObject body) {
        String name = Bodies.notNull(body.patch("name", body::text), body, "name");
        Optional<MasterDataKey> parentKey = null;
        Optional<UserId> managerId = null;
        if (kind.isTree()) {
            parentKey = body.patch("parentKey", field -> key(body, body.text(field), field));
            managerId = body.patch("managerId", field -> Bodies.userId(body, field));
        }
        if (body.has("key") && !key.value().equals(body.text("key"))) {
            throw RuleViolation.invalidField(body.field("key"), "cannot change; create a new entry and delete this one"
                    + " with ?reassignTo=<new key>");
        }
        return new UpdateMasterDataUseCase.Command(orgId, kind, key, expectedVersion, name, parentKey, managerId);
    }

    /** A key in a path or query parameter: one that cannot be a key is malformed (400). */
    public static MasterDataKey keyParam(String name, String raw) {
        if (raw == null) {
            return null;
        }
        if (!MasterDataKey.isValid(raw)) {
            throw new InvalidInput(name, KEY_RULE);
        }
        return new MasterDataKey(raw);
    }

    private static MasterDataKey key(BodyObject body, String value, String field) {
        if (!MasterDataKey.isValid(value)) {
            throw RuleViolation.invalidField(body.field(field), KEY_RULE);
        }
        return new MasterDataKey(value);
    }
}
