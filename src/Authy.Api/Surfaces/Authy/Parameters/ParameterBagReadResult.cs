using System.Diagnostics.CodeAnalysis;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>The outcome of <see cref="ParameterBagReader.ReadAsync"/>: a merged bag, or one <see cref="ParameterBagError"/>.</summary>
internal sealed class ParameterBagReadResult
{
    private ParameterBagReadResult(ParameterBag? bag, ParameterBag query, ParameterBagError error)
    {
        Bag = bag;
        Query = query;
        Error = error;
    }

    /// <summary>Query string and body merged (body wins); <see langword="null"/> on failure.</summary>
    public ParameterBag? Bag { get; }

    /// <summary>
    /// The query-string parameters alone, also on failure: the API key may travel as
    /// <c>?api_key=</c> (node, authy.net, go), so a caller can still authenticate the request and
    /// answer 401 before complaining about its body.
    /// </summary>
    public ParameterBag Query { get; }

    public ParameterBagError Error { get; }

    [MemberNotNullWhen(true, nameof(Bag))]
    public bool Succeeded => Bag is not null;

    public static ParameterBagReadResult Success(ParameterBag bag, ParameterBag query)
    {
        ArgumentNullException.ThrowIfNull(bag);
        ArgumentNullException.ThrowIfNull(query);
        return new(bag, query, ParameterBagError.None);
    }

    public static ParameterBagReadResult Failure(ParameterBagError error, ParameterBag query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (error == ParameterBagError.None)
        {
            throw new ArgumentOutOfRangeException(nameof(error), error, "A failure needs an error.");
        }

        return new(null, query, error);
    }
}
