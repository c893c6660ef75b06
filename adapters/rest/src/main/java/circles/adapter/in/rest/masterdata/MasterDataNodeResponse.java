package circles.adapter.in.rest.masterdata;

import circles.adapter.in.rest.http.Wire;
import circles.domain.masterdata.MasterDataNode;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A node of a department or location tree. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MasterDataNodeResponse(String key, String name, String parentKey, String path, String managerId,
                                     long version, String createdAt, String updatedAt) {

    public static MasterDataNodeResponse of(MasterDataNode node) {
        return new MasterDataNodeResponse(node.key().value(), node.name(), Wire.text(node.parentKey()), node.path(),
                Wire.text(node.managerId()), node.version(), Wire.time(node.createdAt()),
                Wire.time(node.updatedAt()));
    }
}
