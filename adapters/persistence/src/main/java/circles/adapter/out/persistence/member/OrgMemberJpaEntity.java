package circles.adapter.out.persistence.member;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "org_members")
@IdClass(OrgMemberJpaEntity.Key.class)
public class OrgMemberJpaEntity {
    @Id
    @Column(name = "org_id")
    public UUID orgId;
    @Id
    @Column(name = "user_id")
    public String userId;
    public String role;
    public String status;
    public String email;
    @Column(name = "display_name")
    public String displayName;
    public String department;
    public String location;
    @Column(name = "job_title")
    public String jobTitle;
    @Column(name = "manager_id")
    public String managerId;
    @Column(name = "org_unit_path")
    public String orgUnitPath;
    @Column(name = "employee_type")
    public String employeeType;
    @Column(name = "cost_center")
    public String costCenter;
    @Column(name = "user_type")
    public String userType;
    @Column(name = "custom_attributes")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String customAttributes;
    @Column(name = "last_login_at")
    public Instant lastLoginAt;
    @Column(name = "joined_at")
    public Instant joinedAt;
    @Version
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public UUID orgId;
        public String userId;

        public Key() {
        }

        public Key(UUID orgId, String userId) {
            this.orgId = orgId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(orgId, key.orgId) && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orgId, userId);
        }
    }
}
