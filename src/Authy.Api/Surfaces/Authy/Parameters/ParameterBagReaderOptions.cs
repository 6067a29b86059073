using Authy.Api.Http;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>Limits applied by <see cref="ParameterBagReader"/> when it reads a request body.</summary>
internal sealed class ParameterBagReaderOptions
{
    /// <summary>Default for <see cref="MaxBodyBytes"/>: 64 KiB.</summary>
    public const int DefaultMaxBodyBytes = BodyLimit.DefaultMaxBytes;

    /// <summary>Default for <see cref="MaxJsonDepth"/>.</summary>
    public const int DefaultMaxJsonDepth = 32;

    /// <summary>The defaults, shared (the type is immutable).</summary>
    public static ParameterBagReaderOptions Default { get; } = new();

    /// <summary>
    /// Largest body read, in bytes. Default 65,536. The biggest Authy request (an approval request
    /// with details and logos) is a few KiB, so anything larger is refused with
    /// <see cref="ParameterBagError.BodyTooLarge"/> instead of being buffered.
    /// </summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Deepest JSON nesting accepted (objects and arrays). Default 32; deeper documents are <see cref="ParameterBagError.InvalidJson"/>.</summary>
    public int MaxJsonDepth { get; init; } = DefaultMaxJsonDepth;
}
