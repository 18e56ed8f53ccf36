package io.github.dbbackup.storage.fs;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} in a directory of a local or network file system: each blob is one file under
 * the root, the key's {@code /}-separated segments being directories.
 *
 * <p>{@link #put} writes to a temp file in the target's directory (named {@code .~<name>.<random>.tmp};
 * {@code ~} is no key character, so a temp file is never mistaken for a blob and {@link #list}
 * never shows one), {@code fsync}s it, renames it over the target atomically and then
 * {@code fsync}s the directory (not on Windows). On any failure the temp file is removed and nothing
 * changes under the key. Files are created {@code 0600} and directories {@code 0700} where the file
 * system supports POSIX permissions.
 *
 * <p>Thread-safe: an instance holds no mutable state, and several instances (or processes) may
 * share a root. Puts are interruptible: a put on a thread that is or becomes interrupted fails with
 * {@link BackupStorageException}, stores nothing and leaves the interrupt status set.
 *
 * <p>The store never follows, replaces or deletes symbolic links below its root: a key whose path
 * crosses one is not found by {@link #open} and {@link #stat}, not listed, and refused by
 * {@link #put} and {@link #delete}. Because a blob is a file, a key cannot be both a blob and the
 * directory of other blobs ({@code a} and {@code a/b}); such a put fails and changes nothing.
 *
 * @since 0.1
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemBlobStore.class);

    /** Temp file names start with this; {@code ~} is no key character. */
    static final String TEMP_PREFIX = ".~";
    /** Temp file names end with this. */
    static final String TEMP_SUFFIX = ".tmp";

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int PREPARE_ATTEMPTS = 8;
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Set<OpenOption> CREATE_TEMP = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Path root;
    private final FileAttribute<?>[] fileAttributes;
    private final FileAttribute<?>[] directoryAttributes;

    private FileSystemBlobStore(Path root, boolean posix) {
        this.root = root;
        this.fileAttributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        this.directoryAttributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    /**
     * Opens a store rooted at {@code root}, creating the directory (and missing parents) with
     * permissions {@code 0700} if it does not exist. An existing root's permissions are left alone.
     *
     * @param root the directory that holds the blobs; relative paths resolve against the working
     *     directory
     * @return the store
     * @throws BackupStorageException when the root cannot be created or is not a directory
     */
    public static FileSystemBlobStore of(Path root) {
        Objects.requireNonNull(root, "root");
        Path absolute = root.toAbsolutePath().normalize();
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileSystemBlobStore store = new FileSystemBlobStore(absolute, posix);
        try {
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute, store.directoryAttributes);
                LOG.debug("created blob store root {}", absolute);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new BackupStorageException("", "Cannot use '" + absolute + "' as the root of a file-system blob"
                    + " store: " + summary(e) + ". Pass a directory, or a path where one can be created.", e);
        }
        return store;
    }

    /**
     * Returns the directory that holds the blobs.
     *
     * @return the absolute, normalized root
     */
    public Path root() {
        return root;
    }

    /**
     * Stores a blob through a temp file, {@code fsync} and an atomic rename: all of it or nothing.
     * Missing directories are created ({@code 0700}), the file is {@code 0600}. The stream handed to
     * {@code writer} is buffered; if the writer closes it anyway, that only flushes.
     *
     * @param key the key
     * @param writer writes the content; called once, unless the key is refused before
     * @throws BackupStorageException naming the key and the root when the writer or the file system
     *     fails, the thread is interrupted, or the key's path is blocked (a blob where a directory is
     *     needed, a directory of other blobs at the key, a symbolic link); the failure is the cause
     * @throws IllegalArgumentException when the key is invalid
     */
    @Override
    public void put(String key, BlobWriter writer) {
        Path target = pathOf(key);
        Objects.requireNonNull(writer, "writer");
        Path directory = target.getParent();
        Set<Path> createdDirectories = new LinkedHashSet<>();
        Path temp = null;
        boolean moved = false;
        try {
            FileChannel channel = null;
            for (int attempt = 1; channel == null; attempt++) {
                try {
                    createDirectories(directory, key, createdDirectories);
                    checkTarget(target, key);
                    Path candidate = directory.resolve(tempName(target));
                    channel = FileChannel.open(candidate, CREATE_TEMP, fileAttributes);
                    temp = candidate;
                } catch (NoSuchFileException e) {
                    // A concurrent delete pruned a directory we had just created: try again.
                    if (!Files.isDirectory(root)) {
                        throw new Refusal("the store's root directory does not exist any more (deleted or"
                                + " unmounted?)");
                    }
                    if (attempt >= PREPARE_ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("retrying preparation of blob '{}' in {} after {}", key, root, e.toString());
                }
            }
            try (FileChannel open = channel) {
                BlobOutputStream out = new BlobOutputStream(Channels.newOutputStream(open));
                try {
                    writer.writeTo(out);
                    out.flushBuffer();
                } finally {
                    out.finish();
                }
                open.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } catch (Throwable failure) {
            BackupStorageException exception = new BackupStorageException(key, "Could not store blob '" + key + "' in "
                    + describe() + ": " + summary(failure) + ". Nothing was stored under that key (an existing blob"
                    + " keeps its content); fix the cause and retry.", failure);
            if (temp != null && !moved) {
                removeTemp(temp, key, exception);
            }
            if (!createdDirectories.isEmpty()) {
                removeEmptyParents(directory);
            }
            throw exception;
        }
        // The rename, and the entries of directories created for it, must reach the disk too.
        Set<Path> toSync = new LinkedHashSet<>();
        toSync.add(directory);
        createdDirectories.forEach(created -> toSync.add(created.getParent()));
        toSync.forEach(this::syncDirectory);
    }

    /**
     * Opens a blob for reading. The caller must close the stream.
     *
     * @param key the key
     * @return the content, unbuffered
     * @throws BlobNotFoundException when there is no such blob (also when the key's path crosses a
     *     symbolic link, which this store never follows)
     * @throws BackupStorageException naming the key when the file system fails
     * @throws IllegalArgumentException when the key is invalid
     */
    @Override
    public InputStream open(String key) {
        Path file = pathOf(key);
        try {
            Lookup lookup = lookup(file);
            return switch (lookup.kind()) {
                case FILE -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                case LINK -> throw new BlobNotFoundException(key, "Blob '" + key + "' does not exist in " + describe()
                        + ": '" + lookup.at() + "' is a symbolic link, which this store never follows. Replace the link"
                        + " by the directory or file itself.");
                default -> throw notFound(key);
            };
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw new BackupStorageException(key, "Could not open blob '" + key + "' in " + describe() + ": "
                    + summary(e) + ". Check the file's permissions, then retry.", e);
        }
    }

    /**
     * Lists the blobs whose keys start with {@code prefix} (a plain string prefix), sorted by key.
     * Temp files of puts in progress or abandoned, symbolic links and files whose path is no valid
     * key are not blobs and are skipped. A prefix no key can start with lists nothing.
     *
     * @param prefix the prefix, empty for all
     * @return the blobs with size and last-modified time, empty when none
     * @throws BackupStorageException naming the prefix when the root is missing or the file system
     *     fails
     */
    @Override
    public List<BlobInfo> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        int slash = prefix.lastIndexOf('/');
        String directoryKey = slash < 0 ? "" : prefix.substring(0, slash);
        // A valid key starting with the prefix has the prefix's part before its last '/' as whole
        // segments, so that part must itself be a valid key (this also keeps "../" from walking out).
        if (!directoryKey.isEmpty() && !isValidKey(directoryKey)) {
            return List.of();
        }
        try {
            if (!Files.isDirectory(root)) {
                throw new Refusal("the store's root directory does not exist (deleted or unmounted?)");
            }
            if (!directoryKey.isEmpty() && lookup(root.resolve(directoryKey)).kind() != Kind.DIRECTORY) {
                return List.of(); // missing, a blob, or crossing a symbolic link
            }
            // The root itself may be a symbolic link (the host's choice); the walk must not see one.
            Path base = root.toRealPath();
            Path start = directoryKey.isEmpty() ? base : base.resolve(directoryKey);
            List<BlobInfo> blobs = new ArrayList<>();
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(start)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String dirKey = keyOf(base, dir) + "/";
                    return dirKey.startsWith(prefix) || prefix.startsWith(dirKey)
                            ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        String key = keyOf(base, file);
                        if (key.startsWith(prefix) && isValidKey(key)) {
                            blobs.add(new BlobInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted while we walked
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            blobs.sort(Comparator.comparing(BlobInfo::key));
            return List.copyOf(blobs);
        } catch (IOException e) {
            throw new BackupStorageException(prefix, "Could not list blobs with prefix '" + prefix + "' in "
                    + describe() + ": " + summary(e) + ". Check that the directory is mounted and readable, then"
                    + " retry.", e);
        }
    }

    /**
     * Deletes a blob, then the directories it leaves empty, up to but not including the root.
     * Deleting a missing key, or a key that is only a prefix of other blobs, does nothing.
     *
     * @param key the key
     * @throws BackupStorageException naming the key when the file system fails or the key's path is
     *     a symbolic link or another file that is not a blob
     * @throws IllegalArgumentException when the key is invalid
     */
    @Override
    public void delete(String key) {
        Path file = pathOf(key);
        try {
            Lookup lookup = lookup(file);
            switch (lookup.kind()) {
                case MISSING, DIRECTORY -> {
                    return;
                }
                case FILE -> Files.deleteIfExists(file);
                default -> throw new BackupStorageException(key, "Could not delete blob '" + key + "' in " + describe()
                        + ": '" + lookup.at() + "' is " + (lookup.kind() == Kind.LINK
                                ? "a symbolic link, which this store never follows or deletes"
                                : "not a regular file") + ". Remove it by hand.", null);
            }
        } catch (IOException e) {
            throw new BackupStorageException(key, "Could not delete blob '" + key + "' in " + describe() + ": "
                    + summary(e) + ". Check the directory's permissions, then retry.", e);
        }
        removeEmptyParents(file.getParent());
    }

    /**
     * Removes temp files that puts left behind when their process died (killed, out of memory,
     * power loss), once they are older than {@code olderThan}; then the directories they leave
     * empty. Age is judged by the file system's own clock: the modification time of a probe file
     * written now, against each temp file's modification time, so a host whose clock is off cannot
     * remove the temp file of a put still writing (which keeps touching it). The pruner calls this
     * after its incomplete-set sweep.
     *
     * @param olderThan how old a temp file must be to be removed; positive
     * @return how many temp files were removed
     * @throws BackupStorageException when the file system fails
     */
    @Override
    public int sweepIncompleteUploads(java.time.Duration olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        try {
            if (!Files.isDirectory(root)) {
                return 0;
            }
            Path base = root.toRealPath();
            Instant cutoff = fileSystemNow(base).minus(olderThan);
            List<Path> stale = new ArrayList<>();
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)
                            && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        stale.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
            int removed = 0;
            for (Path file : stale) {
                if (Files.deleteIfExists(file)) {
                    removed++;
                    LOG.info("removed '{}', the temp file of a put that never finished", file);
                    removeEmptyParents(root.resolve(base.relativize(file.getParent()).toString()));
                }
            }
            return removed;
        } catch (IOException e) {
            throw new BackupStorageException("", "Could not sweep abandoned temp files in " + describe() + ": "
                    + summary(e) + ". Check the directory's permissions, then retry.", e);
        }
    }

    /** The file system's "now": the modification time of a probe file written in the root. */
    private static Instant fileSystemNow(Path base) throws IOException {
        Path probe = base.resolve(TEMP_PREFIX + "clock-probe." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + TEMP_SUFFIX);
        Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Files.getLastModifiedTime(probe).toInstant();
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Describes one blob from its file's attributes, without listing its directory.
     *
     * @param key the key
     * @return the blob, empty when there is none
     * @throws BackupStorageException naming the key when the file system fails
     * @throws IllegalArgumentException when the key is invalid
     */
    @Override
    public Optional<BlobInfo> stat(String key) {
        Path file = pathOf(key);
        try {
            Lookup lookup = lookup(file);
            if (lookup.kind() != Kind.FILE) {
                return Optional.empty();
            }
            BasicFileAttributes attrs = lookup.attrs();
            return Optional.of(new BlobInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            throw new BackupStorageException(key, "Could not read the attributes of blob '" + key + "' in "
                    + describe() + ": " + summary(e) + ". Check the file's permissions, then retry.", e);
        }
    }

    /**
     * Returns {@code file:} followed by the absolute root, e.g. {@code file:/var/backups/app}.
     *
     * @return the description
     */
    @Override
    public String describe() {
        return "file:" + root;
    }

    /**
     * Returns the same as {@link #describe()}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return describe();
    }

    // ---------------------------------------------------------------- paths

    private Path pathOf(String key) {
        BlobStore.validateKey(key);
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("blob key '" + key + "' resolves to '" + path + "', outside the store"
                    + " root " + root);
        }
        return path;
    }

    private static String keyOf(Path base, Path path) {
        Path relative = base.relativize(path);
        StringBuilder key = new StringBuilder();
        for (Path name : relative) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(name);
        }
        return key.toString();
    }

    private static boolean isValidKey(String key) {
        return key.length() <= 1024 && BlobStore.KEY.matcher(key).matches() && !hasDotSegment(key);
    }

    private static boolean hasDotSegment(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String tempName(Path target) {
        String name = target.getFileName().toString();
        if (name.length() > 32) {
            name = name.substring(0, 32);
        }
        return TEMP_PREFIX + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX;
    }

    private enum Kind { MISSING, FILE, DIRECTORY, LINK, OTHER }

    private record Lookup(Kind kind, Path at, BasicFileAttributes attrs) {
    }

    /**
     * Walks from the root to {@code path} without following links and says what is there: a
     * symbolic link on the way wins; a missing component or a file where a directory would be means
     * missing.
     */
    private Lookup lookup(Path path) throws IOException {
        Path relative = root.relativize(path);
        Path current = root;
        int names = relative.getNameCount();
        for (int i = 0; i < names; i++) {
            current = current.resolve(relative.getName(i));
            BasicFileAttributes attrs = attributesOrNull(current);
            if (attrs == null) {
                return new Lookup(Kind.MISSING, current, null);
            }
            if (attrs.isSymbolicLink()) {
                return new Lookup(Kind.LINK, current, attrs);
            }
            if (i == names - 1) {
                Kind kind = attrs.isRegularFile() ? Kind.FILE : attrs.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
                return new Lookup(kind, current, attrs);
            }
            if (!attrs.isDirectory()) {
                return new Lookup(Kind.MISSING, current, attrs);
            }
        }
        return new Lookup(Kind.DIRECTORY, current, null);
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- put helpers

    private void createDirectories(Path directory, String key, Set<Path> created) throws IOException {
        Path relative = root.relativize(directory);
        if (directory.equals(root)) {
            return;
        }
        Path current = root;
        for (Path name : relative) {
            current = current.resolve(name);
            BasicFileAttributes attrs = attributesOrNull(current);
            if (attrs == null) {
                try {
                    Files.createDirectory(current, directoryAttributes);
                    created.add(current);
                    continue;
                } catch (FileAlreadyExistsException e) {
                    attrs = attributesOrNull(current);
                    if (attrs == null) {
                        throw new NoSuchFileException(current.toString(), null, "created and removed concurrently");
                    }
                }
            }
            if (attrs.isSymbolicLink()) {
                throw new Refusal("'" + current + "' is a symbolic link, which this store never follows; replace it"
                        + " by a directory");
            }
            if (!attrs.isDirectory()) {
                throw new Refusal("blob '" + keyOf(root, current) + "' exists where key '" + key + "' needs a directory;"
                        + " a file-system store cannot keep both");
            }
        }
    }

    private void checkTarget(Path target, String key) throws IOException {
        BasicFileAttributes attrs = attributesOrNull(target);
        if (attrs == null || attrs.isRegularFile()) {
            return;
        }
        if (attrs.isSymbolicLink()) {
            throw new Refusal("'" + target + "' is a symbolic link, which this store never follows or replaces");
        }
        if (attrs.isDirectory()) {
            throw new Refusal("'" + target + "' is a directory holding other blobs (keys starting with '" + key
                    + "/'); a file-system store cannot keep a blob under the same name");
        }
        throw new Refusal("'" + target + "' is not a regular file");
    }

    private void removeTemp(Path temp, String key, BackupStorageException failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("could not remove temp file '{}' of failed put of blob '{}'; it is never listed and may be"
                    + " removed by hand: {}", temp, key, e.toString());
        }
    }

    private void syncDirectory(Path directory) {
        if (WINDOWS) {
            return; // directories cannot be opened for fsync there; NTFS journals the rename
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            // removed concurrently: nothing left to make durable
        } catch (IOException | RuntimeException e) {
            LOG.warn("fsync of directory '{}' failed; the blob is stored but may not survive a crash of the"
                    + " machine: {}", directory, e.toString());
        }
    }

    // ---------------------------------------------------------------- delete helpers

    private void removeEmptyParents(Path directory) {
        for (Path dir = directory; dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
            try {
                BasicFileAttributes attrs = attributesOrNull(dir);
                if (attrs == null) {
                    continue; // removed concurrently; its parent may be empty now
                }
                if (!attrs.isDirectory()) {
                    return;
                }
                Files.delete(dir);
            } catch (NoSuchFileException e) {
                // removed concurrently
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                LOG.debug("could not remove empty directory '{}': {}", dir, e.toString());
                return;
            }
        }
    }

    private static String summary(Throwable e) {
        String message = e.getMessage();
        if (e instanceof Refusal) {
            return message;
        }
        return message == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + message;
    }

    private BlobNotFoundException notFound(String key) {
        return new BlobNotFoundException(key, "Blob '" + key + "' does not exist in " + describe() + "; list the"
                + " store to see which keys exist.");
    }

    /** The key's path is blocked by something this store refuses to touch. */
    private static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    /**
     * What the writer writes to: buffered, never closes the channel, and refuses writes once the put
     * is over (a writer that kept the stream cannot change a stored blob).
     */
    private static final class BlobOutputStream extends OutputStream {
        private final BufferedOutputStream target;
        private boolean finished;

        BlobOutputStream(OutputStream channel) {
            this.target = new BufferedOutputStream(channel, BUFFER_BYTES);
        }

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkOpen();
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            checkOpen();
            target.flush();
        }

        /** The writer must not close the stream; if it does, that only flushes. */
        @Override
        public void close() throws IOException {
            if (!finished) {
                target.flush();
            }
        }

        void flushBuffer() throws IOException {
            target.flush();
        }

        void finish() {
            finished = true;
        }

        private void checkOpen() throws IOException {
            if (finished) {
                throw new IOException("the stream of a put was used after the put returned or failed");
            }
        }
    }
}
