package circles.application.service.member;

import circles.application.port.out.member.MemberImportStore.CurrentMember;
import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgRole;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the rules of a whole import file need to know, kept compact: an import may have millions of rows, and an
 * object (plus a map entry, plus an id object) per row would take several hundred bytes each. Every user id the
 * import meets (a row's member, a manager named by a row, a stored manager, a member looked up) gets a number, in
 * the order it is first met; its characters live in one shared array, and the facts about it in primitive arrays
 * indexed by that number: about 50 bytes per id.
 */
final class MemberImportRoster {
    /** No id: a member without a manager, or an id the roster has not met. */
    static final int NONE = -1;

    private static final int ROW = 1;
    private static final int LOOKED_UP = 1 << 1;
    private static final int EXISTS = 1 << 2;
    private static final int SETS_MANAGER = 1 << 3;
    private static final int FAILED = 1 << 4;

    private static final OrgRole[] ROLES = OrgRole.values();
    private static final MemberStatus[] STATUSES = MemberStatus.values();

    private char[] chars = new char[1 << 12];
    private int charCount;
    /** Where the characters of id {@code k} start; they end where those of {@code k + 1} start. */
    private int[] starts = new int[(1 << 9) + 1];
    private int[] hashes = new int[1 << 9];
    /** Open addressing: the number of an id plus one, 0 for a free slot. Never more than half full. */
    private int[] slots = new int[1 << 10];
    private int size;

    private int[] rowIndex = new int[1 << 9];
    private int[] currentManager = new int[1 << 9];
    private int[] newManager = new int[1 << 9];
    private byte[] flags = new byte[1 << 9];
    /** Ordinal plus one of the stored role (high four bits) and of the role the row sets (low four); 0 is none. */
    private byte[] roles = new byte[1 << 9];
    private byte[] statuses = new byte[1 << 9];

    int size() {
        return size;
    }

    /** The number of {@code id}, given it now if the roster has not met it yet. */
    int intern(UserId id) {
        String value = id.value();
        int hash = mix(value.hashCode());
        int slot = slotOf(value, hash);
        return slots[slot] == 0 ? add(value, hash, slot) : slots[slot] - 1;
    }

    /** The number of {@code id}, or {@link #NONE} if the roster has not met it. */
    int find(UserId id) {
        String value = id.value();
        int slot = slotOf(value, mix(value.hashCode()));
        return slots[slot] == 0 ? NONE : slots[slot] - 1;
    }

    /** The slot holding {@code value} (open addressing, linear probing), or the empty slot where it would go. */
    private int slotOf(String value, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int taken = slots[slot];
            if (taken == 0 || hashes[taken - 1] == hash && sameId(taken - 1, value)) {
                return slot;
            }
        }
    }

    UserId userId(int k) {
        return UserId.of(new String(chars, starts[k], starts[k + 1] - starts[k]));
    }

    /** Id {@code k} is the member of the file's row {@code index}; {@code current} is that member as stored. */
    @SuppressWarnings("OptionalAssignedToNull")
    void addRow(int k, int index, CurrentMember current, Optional<UserId> manager, OrgRole role, MemberStatus status) {
        int managerOfRow = manager == null || manager.isEmpty() ? NONE : intern(manager.get());
        rowIndex[k] = index;
        newManager[k] = managerOfRow;
        flags[k] |= (byte) (ROW | (manager != null ? SETS_MANAGER : 0));
        roles[k] = (byte) (roles[k] & 0xF0 | code(role));
        statuses[k] = (byte) (statuses[k] & 0xF0 | code(status));
        if (current != null) {
            member(k, current);
        } else {
            flags[k] |= LOOKED_UP;
        }
    }

    /** Id {@code k}, not a row of the file, was looked up: {@code current} as stored, or null if no member. */
    void lookedUp(int k, CurrentMember current) {
        if (current != null) {
            member(k, current);
        } else {
            flags[k] |= LOOKED_UP;
        }
    }

    private void member(int k, CurrentMember current) {
        int manager = current.managerId() == null ? NONE : intern(current.managerId());
        currentManager[k] = manager;
        flags[k] |= LOOKED_UP | EXISTS;
        roles[k] = (byte) (code(current.role()) << 4 | roles[k] & 0x0F);
        statuses[k] = (byte) (code(current.status()) << 4 | statuses[k] & 0x0F);
    }

    boolean isRow(int k) {
        return (flags[k] & ROW) != 0;
    }

    /** The index of the file's row about id {@code k}, if {@link #isRow}. */
    int rowIndex(int k) {
        return rowIndex[k];
    }

    /** Whether the store was asked about id {@code k} (as a row's member or looked up). */
    boolean isLookedUp(int k) {
        return (flags[k] & LOOKED_UP) != 0;
    }

    /** Whether id {@code k} is a member already. */
    boolean exists(int k) {
        return (flags[k] & EXISTS) != 0;
    }

    /** A row that has not failed. */
    boolean live(int k) {
        return (flags[k] & (ROW | FAILED)) == ROW;
    }

    void fail(int k) {
        flags[k] |= FAILED;
    }

    boolean setsManager(int k) {
        return (flags[k] & SETS_MANAGER) != 0;
    }

    /** The manager row {@code k} names, or {@link #NONE} (none named, or the manager cleared). */
    int newManager(int k) {
        return isRow(k) ? newManager[k] : NONE;
    }

    /** The manager id {@code k} has once the import is written (as it stands now), or {@link #NONE}. */
    int managerAfter(int k) {
        if (live(k) && setsManager(k)) {
            return newManager[k];
        }
        return exists(k) ? currentManager[k] : NONE;
    }

    /** The role row {@code k} sets, or null. */
    OrgRole newRole(int k) {
        return decode(ROLES, roles[k] & 0x0F);
    }

    OrgRole roleAfter(int k) {
        OrgRole set = newRole(k);
        return set != null ? set : exists(k) ? decode(ROLES, roles[k] >> 4 & 0x0F) : OrgRole.MEMBER;
    }

    MemberStatus statusAfter(int k) {
        MemberStatus set = decode(STATUSES, statuses[k] & 0x0F);
        return set != null ? set : exists(k) ? decode(STATUSES, statuses[k] >> 4 & 0x0F) : MemberStatus.ACTIVE;
    }

    // --- the table ---------------------------------------------------------------------------------------------

    private int add(String value, int hash, int slot) {
        int k = size;
        if (k + 1 == hashes.length) {
            grow();
        }
        if (charCount + value.length() > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(charCount + value.length(), chars.length + (chars.length >> 1)));
        }
        value.getChars(0, value.length(), chars, charCount);
        charCount += value.length();
        starts[k + 1] = charCount;
        hashes[k] = hash;
        rowIndex[k] = NONE;
        currentManager[k] = NONE;
        newManager[k] = NONE;
        slots[slot] = k + 1;
        size++;
        if (size * 2 > slots.length) {
            rehash();
        }
        return k;
    }

    private void grow() {
        int capacity = hashes.length + (hashes.length >> 1);
        starts = Arrays.copyOf(starts, capacity + 1);
        hashes = Arrays.copyOf(hashes, capacity);
        rowIndex = Arrays.copyOf(rowIndex, capacity);
        currentManager = Arrays.copyOf(currentManager, capacity);
        newManager = Arrays.copyOf(newManager, capacity);
        flags = Arrays.copyOf(flags, capacity);
        roles = Arrays.copyOf(roles, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int k = 0; k < size; k++) {
            int slot = hashes[k] & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = k + 1;
        }
        slots = grown;
    }

    private boolean sameId(int k, String value) {
        int start = starts[k];
        if (starts[k + 1] - start != value.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (chars[start + i] != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Spreads the bits of a string hash, so that ids differing only at the end do not crowd one stretch of slots. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int code(Enum<?> value) {
        return value == null ? 0 : value.ordinal() + 1;
    }

    private static <E> E decode(E[] values, int code) {
        return code == 0 ? null : values[code - 1];
    }
}
