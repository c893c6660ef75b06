package circles.adapter.in.rest.masterdata;

import circles.adapter.in.rest.http.Wire;
import circles.domain.masterdata.MasterDataNode;

/** An entry of a cost-center or job-title list. */
public record MasterDataEntryResponse(String key, String name, long version, String createdAt, String updatedAt) {

    public static MasterDataEntryResponse of(MasterDataNode node) {
        return new MasterDataEntryResponse(node.key().value(), node.name(), node.version(),
                Wire.time(node.createdAt()), Wire.time(node.updatedAt()));
    }
}
