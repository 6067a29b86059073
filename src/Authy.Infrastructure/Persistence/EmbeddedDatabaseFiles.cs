namespace Authy.Infrastructure.Persistence;

/// <summary>
/// The embedded database's folder and file, created readable by the server's user only: the file holds the encrypted
/// seeds, hashed keys and phone numbers, and SQLite would otherwise create it as the umask allows (often 0644).
/// </summary>
/// <remarks>
/// SQLite gives the <c>-wal</c> and <c>-shm</c> files it creates next to the database the database file's own mode, so
/// making the (empty) file first is enough for all three. Files and folders that already exist keep their mode: an
/// operator may have chosen it.
/// </remarks>
public static class EmbeddedDatabaseFiles
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="dataDirectory"/> (0700) and the empty database file at <paramref name="databasePath"/> (0600) when absent.</summary>
    public static void Prepare(string dataDirectory, string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            // The folder inherits the parent's ACL, which on Windows is the profile's or the service's.
            Directory.CreateDirectory(dataDirectory);
            return;
        }

        if (!Directory.Exists(dataDirectory))
        {
            Directory.CreateDirectory(dataDirectory, OwnerOnlyFolder);
        }

        try
        {
            // An empty file is a valid empty SQLite database; CreateNew never touches one that exists.
            using var file = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
        catch (IOException) when (File.Exists(databasePath))
        {
            // Already there (or created by another process a moment ago): leave it as it is.
        }
    }
}
