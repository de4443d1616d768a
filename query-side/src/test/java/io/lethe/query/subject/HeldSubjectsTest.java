package io.lethe.query.subject;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the subject summaries have seen an announcement: a gap below it is an event that may still
 * be committed, until the gaps have settled; then it is a rolled-back transaction the store would keep
 * in the token for ten thousand events more.
 */
class HeldSubjectsTest {

    @Test
    void aGapBelowTheAnnouncementHoldsTheWalkUntilTheGapsHaveSettled() {
        GapAwareTrackingToken withGap = GapAwareTrackingToken.newInstance(100, Set.of(50L));
        assertThat(HeldSubjects.covers(withGap, 90, false)).isFalse();
        assertThat(HeldSubjects.covers(withGap, 90, true)).isTrue();
        assertThat(HeldSubjects.covers(withGap, 40, false)).as("a gap above the announcement does not matter").isTrue();
    }

    @Test
    void aTokenShortOfTheAnnouncementNeverCoversIt() {
        GapAwareTrackingToken behind = GapAwareTrackingToken.newInstance(80, Set.of());
        assertThat(HeldSubjects.covers(behind, 90, true)).isFalse();
        assertThat(HeldSubjects.covers(null, 90, true)).isFalse();
        // a rebuild replays from the start: it covers only what the replay has passed
        ReplayToken replaying = (ReplayToken) ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(200, Set.of()),
                GapAwareTrackingToken.newInstance(80, Set.of()));
        assertThat(HeldSubjects.covers(replaying, 90, true)).isFalse();
    }
}
