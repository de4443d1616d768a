package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * A later provision (or receipt) under the same contract moved the keeping period of the earlier
 * records made under it: a contract record is kept one year from the <em>last</em> provision under
 * the contract (PPC Enforcement Rules Art. 19(3), 23(3)), so each new one carries the others along.
 */
@Revision("1")
public record ProvisionRecordsKeptLongerEvent(
        @DataSubjectId SubjectId subjectId,
        String contractReference,
        List<String> recordIds,
        LocalDate keepUntil) {
}
