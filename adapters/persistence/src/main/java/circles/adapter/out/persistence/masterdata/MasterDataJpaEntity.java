package circles.adapter.out.persistence.masterdata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "master_data")
@IdClass(MasterDataJpaEntity.Key.class)
public class MasterDataJpaEntity {
    @Id
    @Column(name = "org_id")
    public UUID orgId;
    @Id
    public String kind;
    @Id
    public String key;
    public String name;
    @Column(name = "parent_key")
    public String parentKey;
    public String path;
    @Column(name = "manager_id")
    public String managerId;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public UUID orgId;
        public String kind;
        public String key;

        public Key() {
        }

        public Key(UUID orgId, String kind, String key) {
            this.orgId = orgId;
            this.kind = kind;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(orgId, that.orgId) && Objects.equals(kind, that.kind)
                    && Objects.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orgId, kind, key);
        }
    }
}
