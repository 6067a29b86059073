using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Authy.IntegrationTests.Support;

/// <summary>Decodes a QR PNG with an independent decoder (jsQR, from tests/interop's lock file) run by Node.</summary>
public static class QrDecoder
{
    public static async Task<(string Text, int Width)> DecodeAsync(byte[] png)
    {
        var interop = Path.Combine(RepositoryPaths.Root(), "tests", "interop");
        Assert.True(Directory.Exists(Path.Combine(interop, "node_modules", "jsqr")), "Run `npm ci --prefix tests/interop` (./test.sh does).");
        var file = Path.Combine(Path.GetTempPath(), $"authy-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png, TestContext.Current.CancellationToken);
        try
        {
            var start = new ProcessStartInfo("node", ["decode-qr.mjs", file])
            {
                WorkingDirectory = interop,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var node = Process.Start(start)!;
            var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await node.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(node.ExitCode == 0, "QR decoding failed: " + errors);
            var result = JsonNode.Parse(output)!;
            return (result["text"]!.GetValue<string>(), result["width"]!.GetValue<int>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public static class RepositoryPaths
{
    public static string Root()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Authy.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Cannot find Authy.sln above the test binaries.");
    }
}
