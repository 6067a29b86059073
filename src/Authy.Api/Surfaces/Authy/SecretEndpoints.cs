using Authy.Api.Http;
using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Secrets;
using QRCoder;

namespace Authy.Api.Surfaces.Authy;

/// <summary>QR enrolment for third-party authenticator apps (spec §3.6, §8).</summary>
internal static class SecretEndpoints
{
    public const string QrRouteName = "GetQrCodeImage";

    private static readonly AuthyParameter<string?> QrSize = AuthyParameter.Text("qr_size", "Side of the square image in pixels, 64 to 320 (default 256).");

    private static readonly AuthyParameter<string?> Label = AuthyParameter.Text("label", "The account name shown in the app (default: the application's name).");

    public static RouteGroupBuilder MapSecretEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/users/{authyId}/secret", CreateSecret)
            .WithName(nameof(CreateSecret))
            .WithTags("Soft tokens")
            .WithSummary("Create a QR secret for an authenticator app")
            .WithDescription("Generates a new secret for Google Authenticator-style apps (6 digits, 30 s, SHA-1), replacing the user's previous one. `qr_code` is a URL of a PNG, valid for 24 hours, encoding a standard otpauth:// URI. Codes from it verify through verify/{token}/{id}.")
            .Declares<GenericSecretResponse>(AuthyParameter.AuthyId, QrSize, Label);
        return group;
    }

    /// <summary>The QR image route: public, because an &lt;img src&gt; cannot send an API key; the URL's random token is the secret.</summary>
    public static IEndpointRouteBuilder MapQrCodeImage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/qr/{token}.png", GetQrCodeImage)
            .WithName(QrRouteName)
            .WithTags("Soft tokens")
            .WithSummary("QR image of a secret")
            .WithDescription("The PNG behind `qr_code`. Answers 404 after 24 hours or once a newer secret replaced it.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<AuthyResult> CreateSecret(AuthyRequest request, CreateGenericSecret createGenericSecret, HttpContext context, CancellationToken cancellationToken)
    {
        var command = new CreateGenericSecretCommand(request.Get(QrSize), request.Get(Label));
        var outcome = await createGenericSecret.ExecuteAsync(request.App, request.Get(AuthyParameter.AuthyId), command, cancellationToken);
        return outcome.ToAuthyResult(created => new GenericSecretResponse(
            created.Label,
            created.Issuer,
            PublicUrls.Of(context, $"/qr/{created.QrToken}.png")));
    }

    internal static async Task<IResult> GetQrCodeImage(string token, GetQrCode getQrCode, HttpContext context, CancellationToken cancellationToken)
    {
        var content = await getQrCode.ExecuteAsync(token, cancellationToken);
        if (content is null)
        {
            return TypedResults.NotFound();
        }

        // The image carries a secret: never cache it anywhere.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(RenderPng(content), "image/png");
    }

    internal static byte[] RenderPng(QrCodeContent content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content.OtpAuthUri, QRCodeGenerator.ECCLevel.M);
        var pixelsPerModule = Math.Max(1, content.Size / data.ModuleMatrix.Count);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
