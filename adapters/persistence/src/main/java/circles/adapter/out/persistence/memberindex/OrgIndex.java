package circles.adapter.out.persistence.memberindex;

import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structures of one org: a dense ordinal per member (assigned in user id order when built, appended after), the
 * bitmaps of live and of active members, and a {@link Column} per indexed field and per custom attribute key.
 * <p>
 * {@code watermark} is a transaction id (xid8): every org-member event of the public event log written by a
 * transaction below it is reflected here. Members changed later are re-read from {@code org_members}; {@code
 * appliedSeq} keeps, per re-read member, the newest event position applied, so that a reader whose snapshot is
 * older than one already applied never puts an older state back. Not thread-safe: {@link MemberIndexAdapter} holds
 * the org's lock around every use.
 */
final class OrgIndex {
    private String[] ids = new String[1024];
    private int size;
    private int sortedPrefix;
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final RoaringBitmap live = new RoaringBitmap();
    private final RoaringBitmap active = new RoaringBitmap();
    private final Column[] fields = new Column[MemberRow.FIELDS.size()];
    private final Map<String, Column> custom = new HashMap<>();
    private final Map<String, Long> appliedSeq = new HashMap<>();
    long watermark;
    Instant caughtUpAt;

    /** An empty index; {@link #put(MemberRow)} the org's members in user id order, then {@link #built}. */
    OrgIndex() {
        for (int i = 0; i < MemberRow.FIELDS.size(); i++) {
            fields[i] = new Column();
        }
    }

    /** Ends the build: the ordinals so far are in user id order, and every change from {@code watermark} on follows. */
    void built(long watermark, Instant at) {
        this.sortedPrefix = size;
        this.watermark = watermark;
        this.caughtUpAt = at;
    }

    /** Adds the member or replaces what the index knows of them. */
    void put(MemberRow row) {
        Integer known = ordinals.get(row.userId());
        int ordinal;
        if (known == null) {
            ordinal = size++;
            if (ordinal >= ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[ordinal] = row.userId();
            ordinals.put(row.userId(), ordinal);
            live.add(ordinal);
        } else {
            ordinal = known;
        }
        if (row.active()) {
            active.add(ordinal);
        } else {
            active.remove(ordinal);
        }
        for (int i = 0; i < fields.length; i++) {
            fields[i].set(ordinal, row.values()[i]);
        }
        for (Map.Entry<String, Column> column : custom.entrySet()) {
            column.getValue().set(ordinal, row.custom().get(column.getKey()));
        }
        for (Map.Entry<String, String> attribute : row.custom().entrySet()) {
            if (!custom.containsKey(attribute.getKey())) {
                Column column = new Column();
                column.set(ordinal, attribute.getValue());
                custom.put(attribute.getKey(), column);
            }
        }
    }

    /** The members whose stored manager is {@code userId}. */
    List<String> reportsOf(String userId) {
        List<String> reports = new ArrayList<>();
        column("managerId").holders(userId).forEach((IntConsumer) ordinal -> reports.add(ids[ordinal]));
        return reports;
    }

    /** Takes a member who left the org out of every bitmap; their ordinal is not reused. */
    void remove(String userId) {
        Integer ordinal = ordinals.remove(userId);
        if (ordinal == null) {
            return;
        }
        live.remove(ordinal);
        active.remove(ordinal);
        for (Column column : fields) {
            column.set(ordinal, null);
        }
        for (Column column : custom.values()) {
            column.set(ordinal, null);
        }
    }

    /**
     * Whether an event at position {@code seq} for the member is newer than what was applied for them; records it
     * when it is.
     */
    boolean newer(String userId, long seq) {
        Long applied = appliedSeq.get(userId);
        if (applied != null && applied >= seq) {
            return false;
        }
        appliedSeq.put(userId, seq);
        return true;
    }

    RoaringBitmap live() {
        return live;
    }

    RoaringBitmap active() {
        return active;
    }

    Column column(String field) {
        return fields[MemberRow.FIELDS.indexOf(field)];
    }

    /** The column of a custom attribute key, empty when no member ever had it. */
    Optional<Column> custom(String key) {
        return Optional.ofNullable(custom.get(key));
    }

    Optional<Integer> ordinal(String userId) {
        return Optional.ofNullable(ordinals.get(userId));
    }

    String userId(int ordinal) {
        return ids[ordinal];
    }

    /** Ordinals below this were assigned in user id order (those above were appended since). */
    int sortedPrefix() {
        return sortedPrefix;
    }

    int members() {
        return live.getCardinality();
    }

    /** Bytes of the bitmaps, the per-ordinal arrays and the id array's references (strings not counted). */
    long bytes() {
        long bytes = (long) ids.length * 8 + live.getLongSizeInBytes() + active.getLongSizeInBytes();
        for (Column column : fields) {
            bytes += column.bytes();
        }
        for (Column column : custom.values()) {
            bytes += column.bytes();
        }
        return bytes;
    }
}
