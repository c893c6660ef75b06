package circles.adapter.out.persistence.memberindex;

import circles.application.port.out.dynamic.MemberIndex;
import circles.domain.actor.UserId;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The members a rule selected, as ordinals of an org's index. The ids are read at once (an ordinal's id never
 * changes, but the index may grow afterwards), so the selection stays valid outside the index's lock.
 */
final class BitmapSelection implements MemberIndex.Selection {
    private final RoaringBitmap ordinals;
    private final String[] sortedIds;
    private final List<String> appendedIds;

    BitmapSelection(OrgIndex index, RoaringBitmap ordinals) {
        this.ordinals = ordinals;
        int prefix = index.sortedPrefix();
        int inPrefix = (int) ordinals.rangeCardinality(0, prefix);
        this.sortedIds = new String[inPrefix];
        this.appendedIds = new ArrayList<>();
        IntIterator it = ordinals.getIntIterator();
        int i = 0;
        while (it.hasNext()) {
            int ordinal = it.next();
            if (ordinal < prefix) {
                sortedIds[i++] = index.userId(ordinal);
            } else {
                appendedIds.add(index.userId(ordinal));
            }
        }
        appendedIds.sort(null);
    }

    @Override
    public long count() {
        return ordinals.getLongCardinality();
    }

    @Override
    public Set<UserId> members() {
        Set<UserId> members = new LinkedHashSet<>(sortedIds.length + appendedIds.size() * 2);
        for (String id : sortedIds) {
            members.add(new UserId(id));
        }
        for (String id : appendedIds) {
            members.add(new UserId(id));
        }
        return members;
    }

    /** A merge of the ordinals assigned in id order and those appended since (sorted here). */
    @Override
    public List<UserId> first(int limit) {
        List<UserId> first = new ArrayList<>(Math.min(limit, sortedIds.length + appendedIds.size()));
        int a = 0;
        int b = 0;
        while (first.size() < limit && (a < sortedIds.length || b < appendedIds.size())) {
            boolean fromSorted = b >= appendedIds.size()
                    || a < sortedIds.length && sortedIds[a].compareTo(appendedIds.get(b)) <= 0;
            first.add(new UserId(fromSorted ? sortedIds[a++] : appendedIds.get(b++)));
        }
        return first;
    }
}
