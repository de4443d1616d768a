package io.lethe.core.purpose;

import org.axonframework.serialization.Revision;

/**
 * The subjects of one more page (numbered from 1) were each owed the change's notification;
 * {@code subjectsOwed} counts them. With {@code last}, every subject the change affects has been.
 */
@Revision("1")
public record PurposeChangeNoticePageRecordedEvent(String changeId, int page, int subjectsOwed, boolean last) {
}
