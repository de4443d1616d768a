package io.lethe.core.request;

import io.lethe.core.jurisdiction.Jurisdiction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public holidays on which a jurisdiction's business-day clocks do not count (e.g. CCPA Regs
 * §7021: receipt confirmed within 10 business days). The platform ships the current year's
 * national holidays ({@code holidays.csv} next to this class); an operator replaces a
 * jurisdiction's list from configuration, e.g. to add state holidays or next year's.
 */
public final class HolidayCalendar {

    private static final String SHIPPED = "holidays.csv";

    private final Map<Jurisdiction, Set<LocalDate>> holidays;

    private HolidayCalendar(Map<Jurisdiction, Set<LocalDate>> holidays) {
        this.holidays = holidays;
    }

    /** No holidays: business days are Monday to Friday. */
    public static HolidayCalendar none() {
        return new HolidayCalendar(new EnumMap<>(Jurisdiction.class));
    }

    /** The national holidays shipped with the platform. */
    public static HolidayCalendar shipped() {
        Map<Jurisdiction, Set<LocalDate>> holidays = new EnumMap<>(Jurisdiction.class);
        try (InputStream in = HolidayCalendar.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", 3);
                holidays.computeIfAbsent(Jurisdiction.fromCode(fields[1]), jurisdiction -> new TreeSet<>())
                        .add(LocalDate.parse(fields[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HolidayCalendar(holidays);
    }

    /** This calendar with {@code jurisdiction}'s holidays replaced by {@code days}. */
    public HolidayCalendar with(Jurisdiction jurisdiction, Collection<LocalDate> days) {
        Map<Jurisdiction, Set<LocalDate>> copy = new EnumMap<>(Jurisdiction.class);
        copy.putAll(holidays);
        copy.put(jurisdiction, new TreeSet<>(days));
        return new HolidayCalendar(copy);
    }

    /** The jurisdiction's holidays, in order. */
    public Set<LocalDate> holidays(Jurisdiction jurisdiction) {
        return Set.copyOf(holidays.getOrDefault(jurisdiction, Set.of()));
    }
}
