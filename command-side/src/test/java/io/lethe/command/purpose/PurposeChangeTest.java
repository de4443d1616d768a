package io.lethe.command.purpose;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import io.lethe.core.purpose.PurposeChangeAnnouncedEvent;
import io.lethe.core.purpose.PurposeChangeNoticePageRecordedEvent;
import io.lethe.core.purpose.PurposeChangeRefusals;
import io.lethe.core.purpose.RecordPurposeChangeNoticePageCommand;
import io.lethe.core.refusal.RefusedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How far a purpose change's notices have reached, page by page, each page counted once. */
class PurposeChangeTest {

    private static final String CHANGE = "purposes-2027";

    private FixtureConfiguration<PurposeChange> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PurposeChange.class);
        fixture.registerCommandTargetResolver(new CachedCommandTargetResolver());
    }

    @Test
    void theFirstPageIsRecorded() {
        fixture.given(announced())
                .when(new RecordPurposeChangeNoticePageCommand(CHANGE, 1, 200, false))
                .expectEvents(new PurposeChangeNoticePageRecordedEvent(CHANGE, 1, 200, false));
    }

    @Test
    void aPageWalkedAgainIsNotCountedTwice() {
        fixture.given(announced(), new PurposeChangeNoticePageRecordedEvent(CHANGE, 1, 200, false),
                        new PurposeChangeNoticePageRecordedEvent(CHANGE, 2, 200, false))
                .when(new RecordPurposeChangeNoticePageCommand(CHANGE, 2, 200, false))
                .expectNoEvents()
                .expectException(RefusedException.class)
                .expectExceptionMessage(PurposeChangeRefusals.pageRecorded().getMessage());
    }

    @Test
    void aPageThatSkipsOneIsRefused() {
        fixture.given(announced(), new PurposeChangeNoticePageRecordedEvent(CHANGE, 1, 200, false))
                .when(new RecordPurposeChangeNoticePageCommand(CHANGE, 3, 200, false))
                .expectNoEvents()
                .expectException(RefusedException.class)
                .expectExceptionMessage(PurposeChangeRefusals.pageOutOfOrder().getMessage());
    }

    @Test
    void noPageFollowsTheLast() {
        fixture.given(announced(), new PurposeChangeNoticePageRecordedEvent(CHANGE, 1, 7, true))
                .when(new RecordPurposeChangeNoticePageCommand(CHANGE, 1, 7, true))
                .expectNoEvents()
                .expectExceptionMessage(PurposeChangeRefusals.noticesComplete().getMessage())
                .expectException(RefusedException.class);
        assertThat(PurposeChangeRefusals.noticesComplete().refusal().code()).isEqualTo(PurposeChangeRefusals.NOTICES_COMPLETE);
    }

    private static PurposeChangeAnnouncedEvent announced() {
        return new PurposeChangeAnnouncedEvent(CHANGE, Set.of(Purpose.values()[0]), Set.of(DataCategory.values()[0]),
                LocalDate.parse("2027-01-01"), "notice-2027");
    }
}
