package org.parsimony.variational.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The raw encoding of one float array in a checkpoint: little-endian IEEE-754 float32 values in C order, with the
 * shape and SHA-256 kept in the checkpoint's JSON. Plain bytes on purpose: loading never hands untrusted bytes to a
 * native parser or to Java deserialization, and the checksum is verified before anything is decoded.
 */
final class NamedArrays {
    private NamedArrays() {
    }

    static byte[] encode(INDArray array) {
        float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** @throws IllegalArgumentException if the bytes do not fill {@code shape} or a value is NaN or infinite */
    static INDArray decode(byte[] bytes, long[] shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (bytes.length != 4 * count) {
            throw new IllegalArgumentException("holds " + bytes.length + " bytes, shape needs " + 4 * count);
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("holds " + values[i] + " at index " + i + " (a checkpoint holds finite values only)");
            }
        }
        return Nd4j.create(values, shape, 'c');
    }
}
