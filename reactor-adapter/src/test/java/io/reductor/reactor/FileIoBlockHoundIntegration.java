package io.reductor.reactor;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Completes BlockHound's rules for reactor-adapter's tests, loaded through
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration} when blockhound-junit-platform
 * installs BlockHound (the {@code blockhound} Maven profile, on by default).
 *
 * <p>BlockHound's defaults know {@code RandomAccessFile#read0/readBytes} and {@code FileInputStream} but not the NIO
 * file paths: opening a file ({@code RandomAccessFile#open0}, {@code UnixNativeDispatcher#open0}, which
 * {@code FileChannel.open} and {@code Files.newByteChannel} use) and reading through a {@code FileChannel}
 * ({@code FileDispatcherImpl#read0}, {@code #pread0} for positional reads, {@code #readv0} for scattering reads).
 * Reactor Netty's {@code sendFile}/{@code sendForm(...).file(...)} do exactly those on the event loop. Socket reads go
 * through {@code SocketDispatcher} and Netty's epoll natives, so these rules do not touch them. Signatures are those of
 * JDK 17.
 *
 * <p>Every detection is recorded before BlockHound's error is thrown: an error thrown inside Netty can end up as an
 * empty {@code Mono} instead of an error signal, so tests assert on {@link #detections()} too.
 */
public final class FileIoBlockHoundIntegration implements BlockHoundIntegration {

    private static final List<String> DETECTIONS = new CopyOnWriteArrayList<>();

    /** Public for {@link java.util.ServiceLoader}. */
    public FileIoBlockHoundIntegration() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.markAsBlocking("java.io.RandomAccessFile", "open0", "(Ljava/lang/String;I)V")
                .markAsBlocking("sun.nio.ch.FileDispatcherImpl", "read0", "(Ljava/io/FileDescriptor;JI)I")
                .markAsBlocking("sun.nio.ch.FileDispatcherImpl", "pread0", "(Ljava/io/FileDescriptor;JIJ)I")
                .markAsBlocking("sun.nio.ch.FileDispatcherImpl", "readv0", "(Ljava/io/FileDescriptor;JI)J")
                .markAsBlocking("sun.nio.fs.UnixNativeDispatcher", "open0", "(JII)I")
                .blockingMethodCallback(method -> {
                    DETECTIONS.add(describe(method));
                    throw new BlockingOperationError(method);
                });
    }

    /** Runs after the integrations BlockHound ships, so that this callback is the one in force. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    /** Every blocking call BlockHound caught so far, as {@code class.method on thread}, oldest first. */
    public static List<String> detections() {
        return List.copyOf(DETECTIONS);
    }

    private static String describe(BlockingMethod method) {
        return method.getClassName() + "." + method.getName() + " on " + Thread.currentThread().getName();
    }
}
