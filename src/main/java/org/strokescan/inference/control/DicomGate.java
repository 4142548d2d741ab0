package org.strokescan.inference.control;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.strokescan.inference.entity.DicomHeader;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.GateVerdict.Reason;
import org.strokescan.platform.ShippedConfiguration;

/**
 * Refuses DICOM slices whose header says they are not an original axial head-CT slice, before a pixel is looked at:
 * another modality, a localizer, a derived or secondary image, another body part. What the header does not say it
 * does not guess: anonymised exports often carry no body part, no descriptions, no SOP class and even no modality;
 * such a slice passes on to the input gate, which judges the picture.
 * <p>
 * Body part: Body Part Examined, Study and Series Description and Protocol Name are split into words (case, accents
 * and ß folded: "Schädel" is SCHADEL); a word naming the head anywhere lets the slice pass ("HEAD NECK", "Kopf/HWS"
 * are head examinations that reach further), else a word naming another body part refuses it. A keyword ending in
 * {@code *} matches the start of a word (CRAN* takes CRANIAL, CRANEO, CRANE). Text in a character set ImageJ did not
 * decode (Latin-1 read as UTF-8) has U+FFFD where the accented letter was; it stands for any one letter.
 */
public final class DicomGate {

    public static final String MODALITIES = "strokescan.dicom.modalities";
    public static final String HEAD_KEYWORDS = "strokescan.dicom.head-keywords";
    public static final String OTHER_BODY_PART_KEYWORDS = "strokescan.dicom.other-body-part-keywords";

    /** Secondary Capture Image Storage and its multi-frame variants: screenshots, never an original slice. */
    private static final Set<String> SECONDARY_CAPTURE = Set.of("1.2.840.10008.5.1.4.1.1.7",
            "1.2.840.10008.5.1.4.1.1.7.1", "1.2.840.10008.5.1.4.1.1.7.2", "1.2.840.10008.5.1.4.1.1.7.3",
            "1.2.840.10008.5.1.4.1.1.7.4");

    private static final Map<String, String> MODALITY_NAMES = Map.of("MR", "magnetic resonance", "CR",
            "computed radiography", "DX", "digital X-ray", "SC", "secondary capture", "PT", "PET", "US", "ultrasound",
            "XA", "X-ray angiography", "NM", "nuclear medicine", "MG", "mammography", "OT", "other");

    private final Set<String> modalities;
    private final List<String> headKeywords;
    private final List<String> otherKeywords;

    public DicomGate(Set<String> modalities, List<String> headKeywords, List<String> otherBodyPartKeywords) {
        this.modalities = modalities.stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        this.headKeywords = headKeywords.stream().map(DicomGate::fold).filter(k -> !k.isEmpty()).toList();
        this.otherKeywords = otherBodyPartKeywords.stream().map(DicomGate::fold).filter(k -> !k.isEmpty()).toList();
        if (this.modalities.isEmpty() || this.headKeywords.isEmpty()) {
            throw new IllegalArgumentException("the DICOM gate needs at least one modality and one head keyword");
        }
    }

    /** With the settings {@code config} gives for {@link #MODALITIES}, {@link #HEAD_KEYWORDS} and
     * {@link #OTHER_BODY_PART_KEYWORDS} (comma-separated). */
    public static DicomGate configured(Function<String, String> config) {
        return new DicomGate(Set.copyOf(list(config.apply(MODALITIES))), list(config.apply(HEAD_KEYWORDS)),
                list(config.apply(OTHER_BODY_PART_KEYWORDS)));
    }

    /** With the shipped defaults (META-INF/microprofile-config.properties). */
    public static DicomGate shipped() {
        return configured(ShippedConfiguration::value);
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public GateVerdict check(DicomHeader header) {
        String modality = header.modality();
        if (modality != null && !modalities.contains(modality.strip().toUpperCase(Locale.ROOT))) {
            String name = MODALITY_NAMES.get(modality.strip().toUpperCase(Locale.ROOT));
            return GateVerdict.reject(Reason.NOT_CT, "This DICOM image is of modality " + modality
                    + (name == null ? "" : " (" + name + ")") + ", not CT; the model reads head-CT slices only.");
        }
        List<String> imageType = header.imageType();
        if (imageType.contains("LOCALIZER")) {
            return GateVerdict.reject(Reason.LOCALIZER, "This DICOM image is a localizer (scout) image (Image Type "
                    + String.join("\\", imageType) + "), not an axial slice.");
        }
        if (imageType.contains("DERIVED") || imageType.contains("SECONDARY")) {
            return GateVerdict.reject(Reason.DERIVED, "This DICOM image is a derived/secondary image (Image Type "
                    + String.join("\\", imageType) + "); send the original axial slices.");
        }
        if (header.sopClassUid() != null && SECONDARY_CAPTURE.contains(header.sopClassUid())) {
            return GateVerdict.reject(Reason.DERIVED, "This DICOM image is a derived/secondary image: a secondary"
                    + " capture (SOP class " + header.sopClassUid() + "), not an original CT slice.");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("Body Part Examined", header.bodyPartExamined());
        texts.put("Study Description", header.studyDescription());
        texts.put("Series Description", header.seriesDescription());
        texts.put("Protocol Name", header.protocolName());
        texts.values().removeIf(v -> v == null || v.isBlank());
        boolean namesHead = texts.values().stream().anyMatch(text -> firstMatch(text, headKeywords).isPresent());
        if (namesHead) {
            return GateVerdict.accept();
        }
        for (Map.Entry<String, String> text : texts.entrySet()) {
            Optional<String> other = firstMatch(text.getValue(), otherKeywords);
            if (other.isPresent()) {
                return GateVerdict.reject(Reason.NOT_HEAD, "This DICOM image is of another body part than the head:"
                        + " its " + text.getKey() + " says \"" + text.getValue().strip() + "\".");
            }
        }
        return GateVerdict.accept();
    }

    /** The first word of {@code text} a keyword matches, if any. */
    static Optional<String> firstMatch(String text, List<String> keywords) {
        for (String word : fold(text).split("[^\\p{L}\\p{N}\uFFFD]+")) {
            if (word.isEmpty()) {
                continue;
            }
            for (String keyword : keywords) {
                if (matches(word, keyword)) {
                    return Optional.of(word);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String word, String keyword) {
        boolean prefix = keyword.endsWith("*");
        String k = prefix ? keyword.substring(0, keyword.length() - 1) : keyword;
        if (prefix ? word.length() < k.length() : word.length() != k.length()) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            if (word.charAt(i) != k.charAt(i) && word.charAt(i) != '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    /** Upper case without accents: "Schädel" → SCHADEL, "crâne" → CRANE, "Wirbelsäule" → WIRBELSAULE. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.replace("ß", "SS").toUpperCase(Locale.ROOT);
    }
}
