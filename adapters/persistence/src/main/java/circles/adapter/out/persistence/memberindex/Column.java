package circles.adapter.out.persistence.memberindex;

import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One indexed field: a dictionary of the distinct stored values, a bitmap of the member ordinals holding each, and
 * per ordinal the value it holds (so that a change can take a member out of its old value's bitmap). Value id 0
 * means "no value"; members without a value are in no bitmap. Not thread-safe: its {@link OrgIndex} guards it.
 */
final class Column {
    private static final int NONE = 0;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private final List<RoaringBitmap> holders = new ArrayList<>();
    private final RoaringBitmap present = new RoaringBitmap();
    private int[] valueOf = new int[1024];

    Column() {
        values.add(null);
        holders.add(new RoaringBitmap());
    }

    /** Sets the value of {@code ordinal} ({@code null}: none), leaving the bitmap of its previous value. */
    void set(int ordinal, String value) {
        if (ordinal >= valueOf.length) {
            valueOf = Arrays.copyOf(valueOf, Math.max(ordinal + 1, valueOf.length * 2));
        }
        int previous = valueOf[ordinal];
        int next = value == null ? NONE : ids.computeIfAbsent(value, v -> {
            values.add(v);
            holders.add(new RoaringBitmap());
            return values.size() - 1;
        });
        if (previous == next) {
            return;
        }
        if (previous != NONE) {
            holders.get(previous).remove(ordinal);
        }
        valueOf[ordinal] = next;
        if (next == NONE) {
            present.remove(ordinal);
        } else {
            holders.get(next).add(ordinal);
            present.add(ordinal);
        }
    }

    /** The number of distinct values ever seen (some may have no holder left). */
    int size() {
        return values.size() - 1;
    }

    /** The stored value with id {@code id} (1 ..= {@link #size()}). */
    String value(int id) {
        return values.get(id);
    }

    /** The ordinals holding the value with id {@code id}; read only. */
    RoaringBitmap holders(int id) {
        return holders.get(id);
    }

    /** The ordinals holding exactly {@code value}, or an empty bitmap; read only. */
    RoaringBitmap holders(String value) {
        Integer id = ids.get(value);
        return id == null ? new RoaringBitmap() : holders.get(id);
    }

    /** The ordinals holding any value; read only. */
    RoaringBitmap present() {
        return present;
    }

    /** Bytes the bitmaps and the per-ordinal array take (the dictionary's strings not counted). */
    long bytes() {
        long bytes = (long) valueOf.length * Integer.BYTES + present.getLongSizeInBytes();
        for (RoaringBitmap bitmap : holders) {
            bytes += bitmap.getLongSizeInBytes();
        }
        return bytes;
    }
}
