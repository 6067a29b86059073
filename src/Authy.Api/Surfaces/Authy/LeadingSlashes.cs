namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// Routes <c>//protected/json/…</c> as <c>/protected/json/…</c> (and <c>//onetouch</c>, <c>//dashboard</c> alike).
/// authy-java 1.1.x keeps the trailing slash of the base URL it is given (<c>https://api.authy.com/</c>) and appends
/// <c>/protected/json/…</c>, and Authy answered those requests. Only repeated leading slashes in front of an Authy
/// prefix are collapsed, before routing; everything else keeps its path.
/// </summary>
internal static class LeadingSlashes
{
    public static IApplicationBuilder UseCollapsedLeadingSlashes(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        if (path.Value is { Length: > 1 } value && value[1] == '/')
        {
            var collapsed = new PathString("/" + value.TrimStart('/'));
            if (AuthyPaths.IsAuthy(collapsed))
            {
                // The Webhooks API signs the URL the client called: the signature check needs the path as it came.
                context.Features.Set(new OriginalPath(path));
                context.Request.Path = collapsed;
            }
        }

        return next(context);
    });
}

/// <summary>The request path as received, set when <see cref="LeadingSlashes"/> changed it.</summary>
internal sealed record OriginalPath(PathString Value);
