package org.strokescan.inference.control;

import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.Classification.Classified;
import org.strokescan.inference.entity.Classification.Refused;
import org.strokescan.inference.entity.DicomRead;
import org.strokescan.inference.entity.DicomWindow;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.inference.entity.GateRule;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.ModelIdentity;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.StudyRule;

/**
 * One uploaded file through intake, DICOM gate (DICOM files), input gate, the model's preprocessing and the engine. A model with a learned
 * gate (its card names a {@link GateRule}) is gated by that output and the colour rule; older models by the
 * hand-written {@link InputGate}. The server, the CLI and the benchmark all classify through this class, so they
 * cannot disagree.
 */
public final class ImageClassifier {

    private final ImageIntake intake;
    private final DicomGate dicomGate;
    private final InputGate gate = new InputGate();
    private final StrokeModel model;
    private final Preprocessor preprocessor;
    private final ModelIdentity identity;
    private final InferenceBatcher batcher;
    private final PixelBudget pixelBudget;

    /** Every image in an engine call of its own. */
    public ImageClassifier(ImageIntake intake, StrokeModel model) {
        this(intake, model, 1);
    }

    /** Concurrent images in engine calls of up to {@code maxBatch}; the DICOM gate as shipped. */
    public ImageClassifier(ImageIntake intake, StrokeModel model, int maxBatch) {
        this(intake, DicomGate.shipped(), model, maxBatch);
    }

    /** Concurrent images in engine calls of up to {@code maxBatch} (see {@link InferenceBatcher}). */
    public ImageClassifier(ImageIntake intake, DicomGate dicomGate, StrokeModel model, int maxBatch) {
        this.intake = intake;
        this.dicomGate = dicomGate;
        this.model = model;
        this.batcher = new InferenceBatcher(model::scores, model.poolSize(), maxBatch, 2);
        this.preprocessor = new Preprocessor(model.card().preprocessing());
        this.identity = ModelIdentity.of(model.card());
        this.pixelBudget = PixelBudget.forHeap(intake.maxPixels());
    }

    /** The window DICOM slices are seen through for this model. */
    public DicomWindow dicomWindow() {
        return model.card().dicomWindowOrDefault();
    }

    public ModelIdentity model() {
        return identity;
    }

    /** How this model makes a study verdict of its slices' probabilities. */
    public StudyRule studyRuleFor(int slices) {
        return model.card().studyRuleFor(slices);
    }

    public int maxBatch() {
        return batcher.maxBatch();
    }

    /** Engine calls so far and the images they classified. */
    public long[] batchesAndImages() {
        return batcher.batchesAndImages();
    }

    /** See {@link InferenceBatcher#onBatch}: told the size of each engine call of this classifier. */
    public void onBatch(IntConsumer listener) {
        batcher.onBatch(listener);
    }

    public Classification classify(byte[] content) {
        long start = System.nanoTime();
        try (PixelBudget.Lease lease = pixelBudget.lease(intake.declaredPixels(content))) {
            Checked checked = check(content);
            if (checked.refused().isPresent()) {
                return checked.refused().get();
            }
            IntakeResult.Accepted image = checked.image();
            model.checkedPixels(checked.modelInput()); // a wrong size fails this call alone, not a whole batch
            float[] scores = batcher.values(checked.modelInput());
            Optional<Refused> notHeadCt = learnedGate(scores[1]);
            if (notHeadCt.isPresent()) {
                return notHeadCt.get();
            }
            float probability = scores[0];
            return new Classified(probability, probability >= model.card().threshold(), model.card().threshold(),
                    identity, image.format(), image.image().width(), image.image().height(), System.nanoTime() - start,
                    meanGrey(image.image()));
        }
    }

    /** Mean grey level of the decoded image, 0–255: what the drift watch compares with the validation images'. */
    public static double meanGrey(GrayImage image) {
        double sum = 0;
        for (float pixel : image.pixels()) {
            sum += pixel;
        }
        return 255 * sum / Math.max(1, image.pixels().length);
    }

    /** The learned gate's refusal, for a model that has one and an image it does not take for a head-CT slice. */
    private Optional<Refused> learnedGate(float headCt) {
        GateRule rule = model.card().gate();
        if (rule == null || headCt >= rule.threshold()) {
            return Optional.empty();
        }
        return Optional.of(new Refused(GateVerdict.Reason.NOT_HEAD_CT, String.format(Locale.ROOT,
                "This does not look like an axial head-CT slice (the model's input gate gives it %.0f %%, it accepts"
                        + " from %.0f %%).", 100.0 * headCt, 100.0 * rule.threshold())));
    }

    /** The Grad-CAM overlay on the image as a PNG, or why there is none. */
    public Explanation explain(byte[] content) {
        try (PixelBudget.Lease lease = pixelBudget.lease(intake.declaredPixels(content))) {
            Checked checked = check(content);
            if (checked.refused().isPresent()) {
                return new Explanation(Optional.empty(), checked.refused());
            }
            PreparedImage prepared = checked.modelInput();
            StrokeModel.Output output = model.explain(prepared); // one engine call: the map and the gate's answer
            Optional<Refused> notHeadCt = learnedGate(output.headCt());
            if (notHeadCt.isPresent()) {
                return new Explanation(Optional.empty(), notHeadCt);
            }
            return new Explanation(Optional.of(HeatmapOverlay.png(checked.image().image(), prepared,
                    output.heatmap())), Optional.empty());
        }
    }

    /** The decoded image and the model's input, or why there is none. */
    private record Checked(IntakeResult.Accepted image, PreparedImage modelInput, Optional<Refused> refused) {
    }

    /**
     * A DICOM file's header through the DICOM gate first (no pixel decoded for a refused one), then its Hounsfield
     * units through the model's window; from there DICOM and PNG/JPEG take the one path.
     */
    private Checked check(byte[] content) {
        if (intake.isDicom(content)) {
            DicomRead read = intake.readDicomHeader(content);
            if (read instanceof DicomRead.Refused refused) {
                return new Checked(null, null, Optional.of(new Refused(refused.reason(), refused.message())));
            }
            GateVerdict verdict = dicomGate.check(((DicomRead.Header) read).header());
            if (!verdict.accepted()) {
                return new Checked(null, null, Optional.of(new Refused(verdict.reason(), verdict.message())));
            }
        }
        IntakeResult result = intake.read(content, model.card().dicomWindowOrDefault());
        if (result instanceof IntakeResult.Rejected rejected) {
            return new Checked(null, null,
                    Optional.of(new Refused(rejected.reason(), rejected.message())));
        }
        IntakeResult.Accepted image = (IntakeResult.Accepted) result;
        if (model.card().gate() != null) {
            // a model with a learned gate: only the colour rule stays in front (a grey CT slice never breaks it)
            GateVerdict colour = gate.checkColour(image.colourfulness());
            if (!colour.accepted()) {
                return new Checked(image, null,
                        Optional.of(new Refused(colour.reason(), colour.message())));
            }
            return new Checked(image, preprocessor.prepare(image.image()), Optional.empty());
        }
        PreparedImage gateInput = gate.prepare(image.image());
        GateVerdict verdict = gate.check(gateInput, image.colourfulness());
        if (!verdict.accepted()) {
            return new Checked(image, null,
                    Optional.of(new Refused(verdict.reason(), verdict.message())));
        }
        // the shipped models are prepared as the gate looks: prepare once
        PreparedImage modelInput = model.card().preprocessing().equals(InputGate.SPEC) ? gateInput
                : preprocessor.prepare(image.image());
        return new Checked(image, modelInput, Optional.empty());
    }
}
