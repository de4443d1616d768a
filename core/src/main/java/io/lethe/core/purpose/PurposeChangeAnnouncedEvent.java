package io.lethe.core.purpose;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Set;

/** A change of the purposes of use was announced. */
@Revision("1")
public record PurposeChangeAnnouncedEvent(String changeId, Set<Purpose> purposes, Set<DataCategory> categories,
                                          LocalDate effectiveOn, String noticeReference) {
}
