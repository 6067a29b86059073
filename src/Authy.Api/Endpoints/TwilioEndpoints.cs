using Authy.Infrastructure.Messaging.Twilio;

namespace Authy.Api.Endpoints;

/// <summary>
/// What Twilio calls on this server: the call script (TwiML), the key the callee pressed, and status callbacks. Mapped
/// only when Twilio is a configured provider. Every request must carry a valid <c>X-Twilio-Signature</c> over the public
/// URL (<c>Twilio:PublicBaseUrl</c> + path + query) and its form; anything else gets an empty 403.
/// </summary>
internal static class TwilioEndpoints
{
    private const string TwiMLContentType = "text/xml; charset=utf-8";

    public static IEndpointRouteBuilder MapTwilioEndpoints(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup(string.Empty)
            .AddEndpointFilter<TwilioSignatureFilter>()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        twilio.MapPost(TwilioUrls.VoicePath, AnswerTwilioCall);
        twilio.MapPost(TwilioUrls.GatherPath, GatherTwilioDigits);
        twilio.MapPost(TwilioUrls.StatusPath, RecordTwilioStatus);
        return app;
    }

    internal static async Task<IResult> AnswerTwilioCall(HttpContext context, TwilioVoiceCalls calls, CancellationToken cancellationToken) =>
        TypedResults.Content(await calls.AnswerAsync(context.Request.Query[TwilioUrls.CallParameter], cancellationToken), TwiMLContentType);

    internal static async Task<IResult> GatherTwilioDigits(HttpContext context, TwilioVoiceCalls calls, CancellationToken cancellationToken)
    {
        var form = TwilioSignatureFilter.Form(context);
        var twiml = await calls.GatherAsync(context.Request.Query[TwilioUrls.CallParameter], form.GetValueOrDefault("Digits"), cancellationToken);
        return TypedResults.Content(twiml, TwiMLContentType);
    }

    internal static async Task<IResult> RecordTwilioStatus(HttpContext context, TwilioStatusCallbacks callbacks, CancellationToken cancellationToken)
    {
        // 204 either way: Twilio does nothing useful with an error, and an unknown sid is not the caller's fault.
        await callbacks.ApplyAsync(TwilioSignatureFilter.Form(context), cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>
/// Checks <c>X-Twilio-Signature</c> before a Twilio endpoint runs. The URL is rebuilt from configuration, not from the
/// request's Host, because Twilio signs the public URL it called and a proxy in between changes the rest.
/// </summary>
internal sealed class TwilioSignatureFilter(TwilioOptions options) : IEndpointFilter
{
    private const string FormKey = "twilio.form";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            foreach (var (name, values) in form)
            {
                fields[name] = values.ToString();
            }
        }

        var url = options.ResolvedPublicBaseUrl + request.Path + request.QueryString;
        if (!TwilioSignature.IsValid(options.AuthToken, url, fields, request.Headers["X-Twilio-Signature"]))
        {
            // Nothing is said about why, not even a generic problem body: a prober learns neither the URL we expect nor
            // whether the call exists.
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        http.Items[FormKey] = (IReadOnlyDictionary<string, string>)fields;
        return await next(context);
    }

    /// <summary>The verified form fields of the current request.</summary>
    public static IReadOnlyDictionary<string, string> Form(HttpContext context) =>
        context.Items[FormKey] as IReadOnlyDictionary<string, string> ?? new Dictionary<string, string>();
}
