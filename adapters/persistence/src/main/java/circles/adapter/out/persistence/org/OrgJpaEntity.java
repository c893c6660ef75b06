package circles.adapter.out.persistence.org;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "orgs")
@SqlResultSetMapping(name = OrgJpaEntity.WITH_SORT_KEY, entities = @EntityResult(entityClass = OrgJpaEntity.class),
        columns = @ColumnResult(name = "sort_key", type = String.class))
public class OrgJpaEntity {
    /** A row of a list page: the org and its position in the list's order. */
    static final String WITH_SORT_KEY = "OrgWithSortKey";

    @Id
    public UUID id;
    public String name;
    public String slug;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
