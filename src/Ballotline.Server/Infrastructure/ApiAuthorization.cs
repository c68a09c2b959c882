using Ballotline.Server.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Ballotline.Server.Infrastructure;

/// <summary>API endpoints accept bearer tokens only: a cookie can be ridden by another site, a token cannot.</summary>
internal static class ApiAuthorization
{
    public static TBuilder RequireApiRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(roles));

    public static TBuilder RequireApiAdministrator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireApiRole(Roles.Administrator);

    /// <summary>
    /// Read-only downloads linked from the administration pages (reports): a signed-in administrator's cookie is
    /// accepted as well as a bearer token. Safe because a GET here changes nothing, and another site cannot read
    /// the answer of a request it makes the browser send.
    /// </summary>
    public static TBuilder RequireAdministratorDownload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme).RequireRole(Roles.Administrator));
}
