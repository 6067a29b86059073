namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>Why <see cref="ParameterBagReader"/> could not read a request's parameters.</summary>
internal enum ParameterBagError
{
    None,

    /// <summary>The body was declared or sniffed as JSON but is malformed, too deep, or not an object.</summary>
    InvalidJson,

    /// <summary>A non-empty body has a media type that carries no parameters we understand (text/plain, XML, …).</summary>
    UnsupportedMediaType,

    /// <summary>The body is longer than <see cref="ParameterBagReaderOptions.MaxBodyBytes"/>.</summary>
    BodyTooLarge,

    /// <summary>The body is not valid UTF-8, or a multipart body is malformed.</summary>
    InvalidEncoding,
}
