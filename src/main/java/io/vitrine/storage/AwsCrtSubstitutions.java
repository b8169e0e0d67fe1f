package io.vitrine.storage;

import java.util.function.BooleanSupplier;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * Native image only: the AWS SDK's checksum provider without its AWS CRT branches. {@code ChecksumProvider} creates CRT
 * checksums ({@code software.amazon.awssdk.crt.checksums.CRC64NVME}, {@code CRC32C}, {@code XXHash}) after a run-time
 * check that aws-crt is on the class path; the native analysis parses those branches anyway and fails on the missing
 * classes ({@code S3ObjectStore.get} reaches them through response checksum validation). Vitrine has no aws-crt (the
 * URLConnection client only), so the substitutes answer as the SDK does without it: CRC32C falls back to the JDK's, and
 * CRC64NVME and the xxHash checksums are refused with the SDK's own message. Applied only when aws-crt is absent at
 * build time; never loaded on the JVM.
 */
@TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider",
        onlyWith = AwsCrtSubstitutions.AwsCrtAbsent.class)
final class AwsCrtSubstitutions {
    // A substitution class may declare no fields or constructors of its own: the strings are inline.

    @Substitute
    static SdkChecksum crc64NvmeCrtImplementation() {
        throw new RuntimeException("Could not load software.amazon.awssdk.crt.checksums.CRC64NVME. Add dependency on"
                + " 'software.amazon.awssdk.crt:aws-crt' module to enable CRC64NVME feature.");
    }

    @Substitute
    static SdkChecksum createCrtCrc32C() {
        return null;
    }

    @Substitute
    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
        throw new RuntimeException(String.format("Could not load %s for algorithm: %s. Add dependency on '%s' module.",
                "software.amazon.awssdk.crt.checksums.XXHash", algorithm.algorithmId(),
                "software.amazon.awssdk.crt:aws-crt"));
    }

    /** True when the image is built without aws-crt. */
    static final class AwsCrtAbsent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            try {
                Class.forName("software.amazon.awssdk.crt.checksums.CRC64NVME", false,
                        Thread.currentThread().getContextClassLoader());
                return false;
            } catch (ClassNotFoundException e) {
                return true;
            }
        }
    }
}
