using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// Computes a callback's expected X-Authy-Signature with tests/interop/sign-like-authy-client.mjs: qs-based, as
/// authy-client verifies callbacks, and sharing no code with the server's canonicaliser.
/// </summary>
public static class AuthyClientSignature
{
    public static async Task<string> ComputeAsync(string key, string nonce, string method, string url, JsonNode? body = null, string? query = null)
    {
        var input = new JsonObject { ["key"] = key, ["nonce"] = nonce, ["method"] = method, ["url"] = url };
        if (query is not null)
        {
            input["query"] = query;
        }
        else
        {
            input["params"] = body?.DeepClone();
        }

        var start = new ProcessStartInfo("node", ["sign-like-authy-client.mjs"])
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root(), "tests", "interop"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(input.ToJsonString());
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, "The signature script failed: " + errors);
        return JsonNode.Parse(output)!["signature"]!.GetValue<string>();
    }
}
