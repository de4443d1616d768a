package io.lethe.query.provision;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.provision.ProvisionRecordsKeptLongerEvent;
import io.lethe.core.provision.ReceiptConfirmationRecordedEvent;
import io.lethe.core.provision.ThirdParty;
import io.lethe.core.provision.ThirdPartyProvisionRecordedEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.crypto.Sealed;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.UsagePeriods;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Set;

/**
 * APPI Art. 29 provision records and Art. 30 receipt confirmations. A record past its keep-until
 * date is not written on replay, and {@link ProvisionRecordPurge#purgeExpired()} removes the others as
 * they expire.
 */
@Component
@ProcessingGroup(ProvisionRecordProjection.PROCESSING_GROUP)
class ProvisionRecordProjection {

    static final String PROCESSING_GROUP = "provision-records";

    /** The sealed field's name, bound to its seal. */
    static final String BACKGROUND = "backgroundOfAcquisition";

    private final JdbcClient jdbc;
    private final PersonalDataSeals seals;

    ProvisionRecordProjection(JdbcClient jdbc, PersonalDataSeals seals) {
        this.jdbc = jdbc;
        this.seals = seals;
    }

    @EventHandler
    void on(ThirdPartyProvisionRecordedEvent event) {
        insert(event.subjectId(), event.provisionId(), "PROVISION", event.recipient(), event.categories(),
                event.saleOrSharing(), event.foreign(), null, event.providedOn(), event.keepUntil());
    }

    /** The background of the acquisition is kept sealed under the receipt's own key, as in the event. */
    @EventHandler
    void on(ReceiptConfirmationRecordedEvent event) {
        Sealed background = seals.seal(UsagePeriods.recordHolder(event.subjectId().toString(), event.receiptId()),
                RetentionClass.PROFILE, BACKGROUND, event.backgroundOfAcquisition());
        insert(event.subjectId(), event.receiptId(), "RECEIPT", event.provider(), event.categories(), false,
                !"JP".equals(event.provider().country()), background == null ? null : background.envelope(), event.receivedOn(),
                event.keepUntil());
    }

    /** The earlier records under a contract are kept as long as its last provision's record. */
    @EventHandler
    void on(ProvisionRecordsKeptLongerEvent event) {
        jdbc.sql("""
                        UPDATE provision_record SET keep_until = :keepUntil
                        WHERE subject_id = :subject AND record_id = ANY (:records) AND keep_until < :keepUntil""")
                .param("subject", event.subjectId().value())
                .param("records", event.recordIds().toArray(String[]::new))
                .param("keepUntil", event.keepUntil())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM provision_record").update();
    }

    private void insert(SubjectId subjectId, String recordId, String direction, ThirdParty party,
                        Set<DataCategory> categories, boolean saleOrSharing, boolean foreign, String background,
                        LocalDate onDate, LocalDate keepUntil) {
        if (keepUntil.isBefore(LocalDate.now())) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO provision_record (subject_id, record_id, direction, organisation_name, organisation_address,
                            country, party_category, equivalent_system, categories, sale_or_sharing, foreign_party,
                            background, on_date, keep_until)
                        VALUES (:subject, :record, :direction, :name, :address, :country, :category, :equivalent,
                            :categories, :sale, :foreign, :background, :onDate, :keepUntil)
                        ON CONFLICT (subject_id, record_id) DO NOTHING""")
                .param("subject", subjectId.value())
                .param("record", recordId)
                .param("direction", direction)
                .param("name", party.organisationName())
                .param("address", party.organisationAddress())
                .param("country", party.country())
                .param("category", party.category().name())
                .param("equivalent", party.equivalentSystem())
                .param("categories", categories.stream().sorted().map(DataCategory::letter).toArray(String[]::new))
                .param("sale", saleOrSharing)
                .param("foreign", foreign)
                .param("background", background)
                .param("onDate", onDate)
                .param("keepUntil", keepUntil)
                .update();
    }
}
