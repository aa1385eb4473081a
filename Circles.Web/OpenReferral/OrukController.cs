using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Circles.Core.Assets;
using Circles.Core.Common;
using Circles.Web.Hosting;
using Circles.Web.Messaging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Circles.Web.OpenReferral;

/// <summary>
/// The Open Referral UK v3 read API: anyone may read the directory of community assets, without signing in, so
/// councils' and others' directories can pick it up. Read-only, rate-limited, and never an individual's gifts.
/// </summary>
[AllowAnonymous]
[Route("api/oruk")]
[EnableRateLimiting(CirclesHost.OpenDataRateLimit)]
public sealed class OrukController(IMediator mediator, IPostcodeStore postcodes, PublicLinks links) : ControllerBase
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 100;

    /// <summary>Metres: how far a service_at_locations search reaches when no proximity is given.</summary>
    public const int DefaultProximity = 5_000;

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // The profile's schemas allow no nulls: a field with nothing in it is left out.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [HttpGet("")]
    public IActionResult Index() => Answer(new OrukRoot(
        "3.0", "https://github.com/openreferral/uk-profile", "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"));

    [HttpGet("services")]
    public async Task<IActionResult> Services(string? search, string? page, string? per_page, string? taxonomy_term_id, string? modified_after, CancellationToken cancellationToken)
    {
        if (ReadPaging(page, per_page, out var paging) is { } pagingProblem)
        {
            return Problem(pagingProblem);
        }

        DateTimeOffset? after = null;
        if (!string.IsNullOrWhiteSpace(modified_after))
        {
            if (!DateTimeOffset.TryParse(modified_after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return Problem("modified_after must be a date and time, like 2026-03-27T09:00:00Z");
            }

            // "On or after": stored times are compared as text, so a moment before is the same as "at or after".
            after = parsed.AddTicks(-1);
        }

        var (filter, knownTerm) = await TermFilter(new OpenDataFilter { Text = search, ModifiedAfter = after }, taxonomy_term_id, cancellationToken);
        if (!knownTerm)
        {
            return Answer(EmptyPage<OrukServiceSummary>(paging));
        }

        var found = await mediator.Send(new ListOpenAssetsQuery(filter, paging), cancellationToken);
        return Answer(OrukPages.Of(found, new OrukMapper(links.To).Summary));
    }

    [HttpGet("services/{id}")]
    public async Task<IActionResult> Service(string id, CancellationToken cancellationToken)
    {
        try
        {
            var asset = await mediator.Send(new GetOpenAssetQuery(id), cancellationToken);
            return Answer(new OrukMapper(links.To).Service(asset, await InterestIds(cancellationToken)));
        }
        catch (NotFoundException)
        {
            return NotFoundProblem($"There is no service with id {id}");
        }
    }

    [HttpGet("service_at_locations")]
    public async Task<IActionResult> ServiceAtLocations(
        string? search, string? page, string? per_page, string? taxonomy_term_id, string? postcode, string? proximity, CancellationToken cancellationToken)
    {
        if (ReadPaging(page, per_page, out var paging) is { } pagingProblem)
        {
            return Problem(pagingProblem);
        }

        var filter = new OpenDataFilter { Text = search };
        if (!string.IsNullOrWhiteSpace(postcode))
        {
            if (UkFormats.NormalisePostcode(postcode) is not { } normalised)
            {
                return Problem("postcode must be a UK postcode, like SE1 7PB");
            }

            if (await postcodes.Find(normalised, cancellationToken) is not { } centroid)
            {
                return Problem(Postcodes.Unknown(normalised));
            }

            var metres = DefaultProximity;
            if (!string.IsNullOrWhiteSpace(proximity) && (!int.TryParse(proximity, NumberStyles.None, CultureInfo.InvariantCulture, out metres) || metres is < 1 or > 200_000))
            {
                return Problem("proximity must be a whole number of metres from 1 to 200000");
            }

            filter = filter with { Near = centroid, WithinKm = metres / 1000.0 };
        }
        else if (!string.IsNullOrWhiteSpace(proximity))
        {
            return Problem("proximity needs a postcode to measure from");
        }

        var (withTerm, knownTerm) = await TermFilter(filter, taxonomy_term_id, cancellationToken);
        if (!knownTerm)
        {
            return Answer(EmptyPage<OrukServiceAtLocation>(paging));
        }

        var mapper = new OrukMapper(links.To);
        var found = await mediator.Send(new ListOpenAssetsQuery(withTerm, paging), cancellationToken);
        return Answer(OrukPages.Of(found, a => mapper.ServiceAtLocation(a)));
    }

    [HttpGet("taxonomies")]
    public IActionResult Taxonomies(string? page, string? per_page)
    {
        if (ReadPaging(page, per_page, out var paging) is { } problem)
        {
            return Problem(problem);
        }

        return Answer(OrukPages.Slice(OrukMapper.Taxonomies, paging));
    }

    [HttpGet("taxonomy_terms")]
    public async Task<IActionResult> TaxonomyTerms(string? page, string? per_page, CancellationToken cancellationToken)
    {
        if (ReadPaging(page, per_page, out var paging) is { } problem)
        {
            return Problem(problem);
        }

        // The kinds first, then the interests that tag something published; the vocabulary is small enough to page here.
        var terms = AssetKinds.All.Where(k => k.Key != AssetKinds.Individual).Select(k => OrukMapper.KindTerm(k.Key))
            .Concat((await mediator.Send(new ListAllInterestTermsQuery(), cancellationToken)).Select(OrukMapper.InterestTerm))
            .ToList();
        return Answer(OrukPages.Slice(terms, paging));
    }

    private async Task<(OpenDataFilter Filter, bool Known)> TermFilter(OpenDataFilter filter, string? termId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(termId))
        {
            return (filter, true);
        }

        if (!Guid.TryParse(termId, out var guid))
        {
            return (filter, false);
        }

        var id = guid.ToString();
        if (AssetKinds.All.FirstOrDefault(k => k.Key != AssetKinds.Individual && OrukIds.KindTerm(k.Key) == id) is { } kind)
        {
            return (filter with { Kind = kind.Key }, true);
        }

        var interest = (await mediator.Send(new ListAllInterestTermsQuery(), cancellationToken)).FirstOrDefault(i => OrukIds.InterestTerm(i.Id) == id);
        return interest is null ? (filter, false) : (filter with { InterestId = interest.Id }, true);
    }

    // Only a whole service shows its interests: the lists' summaries and locations carry none.
    private async Task<IReadOnlyDictionary<string, long>> InterestIds(CancellationToken cancellationToken) =>
        (await mediator.Send(new ListAllInterestTermsQuery(), cancellationToken))
            .GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);

    private static string? ReadPaging(string? page, string? perPage, out Paging paging)
    {
        paging = new Paging(1, DefaultPerPage);
        var number = 1;
        var size = DefaultPerPage;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            return "page must be a whole number, 1 or more";
        }

        if (!string.IsNullOrWhiteSpace(perPage) && (!int.TryParse(perPage, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPerPage))
        {
            return $"per_page must be a whole number from 1 to {MaxPerPage}";
        }

        paging = new Paging(number, size);
        return null;
    }

    private static OrukPage<T> EmptyPage<T>(Paging paging) => OrukPages.From(new Page<T>([], paging.PageNumber, paging.PageSize, 0));

    private JsonResult Answer(object value)
    {
        // Open data: any site may read it from a browser.
        Response.Headers.AccessControlAllowOrigin = "*";
        return new JsonResult(value, JsonOptions);
    }

    private JsonResult Problem(string detail)
    {
        Response.Headers.AccessControlAllowOrigin = "*";
        return new JsonResult(new { status = 400, title = "Bad request", detail }, JsonOptions) { StatusCode = StatusCodes.Status400BadRequest, ContentType = "application/problem+json" };
    }

    private JsonResult NotFoundProblem(string detail) =>
        new(new { status = 404, title = "Not found", detail }, JsonOptions) { StatusCode = StatusCodes.Status404NotFound, ContentType = "application/problem+json" };
}
