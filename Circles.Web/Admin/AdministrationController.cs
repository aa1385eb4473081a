using Circles.Web.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Admin;

/// <summary>Every administration page derives from this, so none can forget the administrator policy.</summary>
[Authorize(Policy = CirclesHost.AdministratorPolicy)]
public abstract class AdministrationController : CirclesController;
