using System.Reflection;
using System.Text.RegularExpressions;
using Authy.Api.Surfaces.Authy;
using Authy.Application.Outcomes;
using Authy.Infrastructure.Persistence;
using NetArchTest.Rules;

namespace Authy.UnitTests.Architecture;

/// <summary>
/// The layers of docs/architecture.md: the application layer knows no web framework, no infrastructure and no wire
/// surface; infrastructure knows no surface; a surface knows no other surface; and neither inner layer writes a wire
/// error code.
/// </summary>
public sealed partial class LayerTests
{
    private static readonly Assembly ApplicationLayer = typeof(Failure).Assembly;
    private static readonly Assembly InfrastructureLayer = typeof(AuthyDbContext).Assembly;
    private static readonly Assembly ApiLayer = typeof(AuthyErrors).Assembly;

    private const string SurfacesNamespace = "Authy.Api.Surfaces";

    [Fact]
    public void Application_ReferencesNoWebFrameworkInfrastructureOrApi()
    {
        var references = ApplicationLayer.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(InfrastructureLayer.GetName().Name, references);
        Assert.DoesNotContain(ApiLayer.GetName().Name, references);
    }

    [Fact]
    public void Application_TypesDependOnNoWebFrameworkInfrastructureOrApi()
    {
        var result = Types.InAssembly(ApplicationLayer)
            .Should().NotHaveDependencyOnAny("Microsoft.AspNetCore", "Authy.Infrastructure", "Authy.Api")
            .GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void Infrastructure_DependsOnNoApi()
    {
        var result = Types.InAssembly(InfrastructureLayer).Should().NotHaveDependencyOnAny("Authy.Api").GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void Surfaces_DependOnNoOtherSurface()
    {
        var surfaces = Surfaces();
        Assert.Contains($"{SurfacesNamespace}.Authy", surfaces);

        foreach (var surface in surfaces)
        {
            var others = surfaces.Where(s => s != surface).ToArray();
            if (others.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(ApiLayer).That().ResideInNamespace(surface)
                .Should().NotHaveDependencyOnAny(others)
                .GetResult();
            Assert.True(result.IsSuccessful, $"{surface}: {Offenders(result)}");
        }
    }

    [Fact]
    public void ApplicationAndInfrastructure_WriteNoAuthyErrorCode()
    {
        var root = RepositoryRoot();
        var offenders = new[] { "src/Authy.Application", "src/Authy.Infrastructure" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path) && !IsMigration(path) && !AllowedToNameAuthyCodes.Contains(Relative(root, path)))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(x => AuthyCode().IsMatch(x.line))
            .Select(x => $"{Relative(root, x.path)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Wire error codes belong to a surface's catalogue:\n" + string.Join('\n', offenders));
    }

    // The SMS gateway's protocol (docs/configuration.md) lets a gateway name a refusal by Authy's code; its adapter
    // reads those codes as the gateway sends them.
    private static readonly HashSet<string> AllowedToNameAuthyCodes = ["src/Authy.Infrastructure/Messaging/HttpGateway/HttpGatewaySmsSender.cs"];

    private static List<string> Surfaces() =>
        [.. ApiLayer.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(SurfacesNamespace + ".", StringComparison.Ordinal))
            .Select(ns => string.Join('.', ns.Split('.').Take(4)))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private static string Offenders(NetArchTest.Rules.TestResult result) =>
        string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []);

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    // Migrations are generated and frozen; none writes an error code today, and none is looked at here.
    private static bool IsMigration(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Authy.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Cannot find Authy.sln above the test binaries.");
    }

    [GeneratedRegex(@"\b60[01]\d\d\b")]
    private static partial Regex AuthyCode();
}
