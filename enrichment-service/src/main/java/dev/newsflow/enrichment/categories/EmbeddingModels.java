package dev.newsflow.enrichment.categories;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;

/** The shipped sentence-embedding model, loaded from its jar: no network, ever. */
public final class EmbeddingModels {

    private EmbeddingModels() {
    }

    /**
     * e5-small-v2, quantised (384 dimensions, ~34 MB). DJL, which provides its tokenizer, would otherwise try to
     * report usage and to download native libraries: both are switched off here unless the environment already
     * decided ({@code OPT_OUT_TRACKING}, {@code DJL_OFFLINE}, as the Dockerfile and the test runner also set them).
     */
    public static EmbeddingModel e5SmallV2Quantized() {
        offlineUnlessSet("OPT_OUT_TRACKING");
        offlineUnlessSet("DJL_OFFLINE");
        // Runnable::run: an article's few pieces are embedded on the calling thread; ONNX Runtime parallelises inside.
        return new E5SmallV2QuantizedEmbeddingModel(Runnable::run);
    }

    private static void offlineUnlessSet(String name) {
        if (System.getenv(name) == null && System.getProperty(name) == null) {
            System.setProperty(name, "true");
        }
    }
}
