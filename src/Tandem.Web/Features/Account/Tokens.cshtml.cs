using Microsoft.AspNetCore.Mvc;
using Tandem.Web.Features.Shared;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Account;

/// <summary>Any signed-in user manages their own API tokens; the secret is shown once.</summary>
public sealed class TokensModel(TandemDb db) : TandemPage
{
    public IReadOnlyList<ApiTokenResponse> Tokens { get; private set; } = [];

    public string? NewSecret { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name, List<string>? roles, int? expiresInDays)
    {
        var created = await CreateApiToken.CreateAsync(db, Me, new CreateApiToken.Request(name, roles ?? [], expiresInDays), HttpContext.RequestAborted);
        if (Succeeded(created))
        {
            NewSecret = created.Value.Secret;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        Succeeded(await RevokeApiToken.RevokeAsync(db, Me, id, HttpContext.RequestAborted));
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var page = await ApiTokenQueries.ListAsync(db, Me, 1, 200, HttpContext.RequestAborted);
        Tokens = page.IsSuccess ? page.Value.Items : [];
    }
}
