package io.lethe.query.report;

import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The portability export as one package for the subject to take elsewhere (GDPR Art. 20): every page of
 * the {@code lethe.portability/3} export as of one moment, each a JSON file in a ZIP archive. Staff page
 * through the export at the API; the subject downloads the whole of it from the privacy center.
 */
@Component
public class PortabilityPackages {

    /** A package written: the archive's bytes and the file name it is served under. */
    public record Written(byte[] zip, String fileName) {

        @Override
        public String toString() {
            return "Written[" + fileName + "]";
        }
    }

    private final SubjectEvents subjectEvents;
    private final JsonMapper json;

    PortabilityPackages(SubjectEvents subjectEvents, JsonMapper json) {
        this.subjectEvents = subjectEvents;
        this.json = json;
    }

    /**
     * The subject's export as of {@code at}, every page of it.
     *
     * @throws io.lethe.core.refusal.RefusedException {@code subject-not-found} for a subject without history
     */
    public Written write(SubjectId subjectId, Instant at) {
        List<Recorded> events = subjectEvents.of(subjectId).stream().filter(event -> !event.at().isAfter(at)).toList();
        if (events.isEmpty()) {
            throw SubjectRefusals.notFound();
        }
        String stem = "portability-" + subjectId + "-" + LocalDate.ofInstant(at, ZoneOffset.UTC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            PortabilityExport first = PortabilityExport.of(subjectId.toString(), events, at, 0);
            for (int page = 0; page < first.pages(); page++) {
                PortabilityExport export = page == 0 ? first : PortabilityExport.of(subjectId.toString(), events, at, page);
                zip.putNextEntry(new ZipEntry(stem + "/page-" + (page + 1) + "-of-" + first.pages() + ".json"));
                zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(export));
                zip.closeEntry();
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return new Written(bytes.toByteArray(), stem + ".zip");
    }
}
