using System.Globalization;
using Authy.Application.Delivery;
using Authy.Application.Outcomes;
using Authy.Application.Phones;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>One entry a parameter adds to its route's OpenAPI description.</summary>
internal sealed record ParameterDoc(string Name, ParameterLocation In, bool IsRequired, string Description, JsonSchemaType Type);

/// <summary>
/// A parameter of an Authy route, declared once: the route's OpenAPI description and its handler's typed value both
/// come from this object, so the two cannot drift. <see cref="AuthyParameters"/> declares a route's list; its filter
/// reads every declared parameter, in order, before the handler runs, and answers the first unreadable one with the
/// Authy error of its failure; the handler then takes typed values with <see cref="AuthyRequest.Get{T}"/>, which
/// refuses a parameter its route did not declare.
/// </summary>
internal abstract class AuthyParameter(IReadOnlyList<ParameterDoc> docs)
{
    /// <summary>What the route's OpenAPI operation lists for this parameter (two entries for a phone number).</summary>
    public IReadOnlyList<ParameterDoc> Docs { get; } = docs;

    /// <summary>Reads the value from the request; a failure is answered before the handler runs.</summary>
    internal abstract Outcome<object?> ReadBoxed(AuthyRequest request);

    /// <summary>A string as sent, or null when absent or not a plain value.</summary>
    public static AuthyParameter<string?> Text(string name, string description, bool required = false) =>
        new([InBag(name, description, required, JsonSchemaType.String)], r => r.Parameters.GetString(name));

    /// <summary>A boolean read leniently (<c>true</c>, <c>True</c>, <c>1</c>…); absent or unreadable is false.</summary>
    public static AuthyParameter<bool> Flag(string name, string description) =>
        new([InBag(name, description, false, JsonSchemaType.Boolean)], r => r.Parameters.GetBoolean(name) ?? false);

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="defaultValue"/> when absent
    /// or blank; anything else is invalid, with <paramref name="rule"/> as the explanation.
    /// </summary>
    public static AuthyParameter<int> Integer(string name, string description, int defaultValue, int min, int max, string rule) =>
        new([InBag(name, description, false, JsonSchemaType.Integer)], r =>
        {
            var text = r.Parameters.GetString(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return defaultValue;
            }

            return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : Failures.Invalid(FieldOf(name), rule);
        });

    /// <summary>A duration in whole seconds, <paramref name="defaultValue"/> when absent or blank.</summary>
    public static AuthyParameter<TimeSpan> Seconds(string name, string description, TimeSpan defaultValue, string rule) =>
        new([InBag(name, description, false, JsonSchemaType.Integer)], r =>
        {
            var text = r.Parameters.GetString(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return defaultValue;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : Failures.Invalid(FieldOf(name), rule);
        });

    /// <summary><c>sms</c> (also when absent or blank) or <c>call</c>, in any case.</summary>
    public static AuthyParameter<CodeChannel> Via(string description) =>
        new([InBag("via", description, false, JsonSchemaType.String)], r => PhoneChannels.ParseVia(r.Parameters.GetString("via")));

    /// <summary>
    /// The <c>country_code</c> and <c>phone_number</c> pair as one number, under the application's
    /// <c>StrictPhoneNumbers</c>. Null when <paramref name="unless"/> was sent instead (phones/verification/status takes a
    /// uuid or a number).
    /// </summary>
    public static AuthyParameter<NormalizedPhone?> Phone(string countryCodeDescription, string phoneNumberDescription, string? unless = null) =>
        new(
            [
                InBag("country_code", countryCodeDescription, unless is null, JsonSchemaType.String),
                InBag("phone_number", phoneNumberDescription, unless is null, JsonSchemaType.String),
            ],
            r =>
            {
                if (unless is not null && !string.IsNullOrWhiteSpace(r.Parameters.GetString(unless)))
                {
                    return (NormalizedPhone?)null;
                }

                var phone = PhoneParameters.Parse(r.Parameters.GetString("country_code"), r.Parameters.GetString("phone_number"), r.App.Settings.StrictPhoneNumbers);
                return phone.IsSuccess ? phone.Value : phone.Failure!;
            });

    /// <summary>A user's <c>authy_id</c> in the path: a positive integer; anything else names no user (404 60026), as an unknown id does.</summary>
    public static AuthyParameter<long> AuthyId { get; } = new(
        [new("authyId", ParameterLocation.Path, true, "The user's authy_id, as users/new returned it.", JsonSchemaType.Integer)],
        r => long.TryParse(r.Parameters.GetString("authyId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : Failures.UserNotFound);

    /// <summary>A path segment, as sent.</summary>
    public static AuthyParameter<string> InPath(string name, string description) =>
        new([new(name, ParameterLocation.Path, true, description, JsonSchemaType.String)], r => r.Parameters.GetString(name) ?? string.Empty);

    /// <summary>A header the route's authentication reads; listed for the docs, its value read as sent.</summary>
    public static AuthyParameter<string?> Header(string name, string description) =>
        new([new(name, ParameterLocation.Header, true, description, JsonSchemaType.String)], r => r.Headers[name].ToString());

    /// <summary>A parameter of a shape of its own (nested hashes, lists), read by <paramref name="read"/>.</summary>
    public static AuthyParameter<T> Custom<T>(ParameterDoc doc, Func<AuthyRequest, T> read) => new([doc], r => read(r));

    /// <summary>A parameter read from the query, a form body or a JSON body alike (the docs list it in the query).</summary>
    public static ParameterDoc InBag(string name, string description, bool required, JsonSchemaType type) =>
        new(name, ParameterLocation.Query, required, description + " Also accepted in a form or JSON body.", type);

    /// <summary>The failure field of a wire name (<c>code_length</c> → <c>CodeLength</c>), which the Authy catalogue writes back in snake_case.</summary>
    private static string FieldOf(string name) =>
        string.Concat(name.Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}

/// <inheritdoc cref="AuthyParameter"/>
internal sealed class AuthyParameter<T>(IReadOnlyList<ParameterDoc> docs, Func<AuthyRequest, Outcome<T>> read) : AuthyParameter(docs)
{
    internal override Outcome<object?> ReadBoxed(AuthyRequest request)
    {
        var outcome = read(request);
        if (!outcome.IsSuccess)
        {
            return outcome.Failure!;
        }

        return outcome.Value;
    }
}
