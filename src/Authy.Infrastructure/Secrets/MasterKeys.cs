using System.Security.Cryptography;

namespace Authy.Infrastructure.Secrets;

/// <summary>Where the master key comes from: configuration, or (outside Production) a key file kept in the data directory.</summary>
public static class MasterKeys
{
    public static byte[] Decode(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not valid base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{setting} must decode to 32 bytes (it has {key.Length}).");
    }

    /// <summary>Reads the key file, creating it with a new random key (readable by the owner only) when absent.</summary>
    public static byte[] LoadOrCreateFile(string path)
    {
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        return key;
    }
}
